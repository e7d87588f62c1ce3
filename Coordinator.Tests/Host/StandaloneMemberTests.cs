using Coordinator.Actors.Settings;
using Coordinator.Host.Composition;
using Coordinator.Host.Configuration;
using Coordinator.Runtime.Actors;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coordinator.Tests.Host;

public sealed class StandaloneMemberTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("coordinator-member-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task Stopped_completes_when_the_member_actor_dies_so_the_process_can_exit()
    {
        var config = ConfigLoader.Load(null, new Dictionary<string, string>
        {
            ["coordinator.member.client-address"] = "127.0.0.1",
            ["coordinator.member.client-port"] = "0",
            ["coordinator.member.data-dir"] = _dataDir,
        });
        await using var member = StandaloneMember.Start(CoordinatorSettings.From(config), NullLoggerFactory.Instance);
        Assert.False(member.Stopped.IsCompleted);

        member.Member.Tell(PoisonPill.Instance);

        await member.Stopped.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
