using Coordinator.Actors.Member;
using Coordinator.Runtime.Actors;

namespace Coordinator.Tests.Host;

public sealed class StandaloneMemberTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("coordinator-member-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public async Task Stopped_completes_when_the_member_actor_dies_so_the_process_can_exit()
    {
        await using var member = InProcessMember.Start(_dataDir);
        Assert.False(member.Stopped.IsCompleted);

        member.Member.Tell(PoisonPill.Instance);

        await member.Stopped.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_member_that_throws_is_stopped_not_restarted_on_its_half_applied_state()
    {
        await using var member = InProcessMember.Start(_dataDir);

        // A request without a body stands in for any bug that throws inside the member.
        member.Member.Tell(new MemberProtocol.SessionRequest(1, null!));

        await member.Stopped.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
