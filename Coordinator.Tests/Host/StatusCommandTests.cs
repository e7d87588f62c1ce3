using Coordinator.Bench.Servers;
using Coordinator.Host.Cli;
using Coordinator.Host.Composition;
using Coordinator.Tests.Interop.Servers;

namespace Coordinator.Tests.Host;

public sealed class StatusCommandTests : IAsyncLifetime
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("coordinator-status-").FullName;
    private RunningMember? _member;

    public Task InitializeAsync()
    {
        _member = InProcessMember.Start(_dataDir);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_member is not null) await _member.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }

    [Fact]
    public void Status_prints_mode_epoch_zxid_and_clients_of_a_running_member()
    {
        var (exit, output, error) = Run("status", "--server", $"127.0.0.1:{_member!.ClientPort}");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Empty(error);
        var lines = output.TrimEnd().Split('\n');
        Assert.Matches(@"^MEMBER\s+MODE\s+EPOCH\s+LAST ZXID\s+CLIENTS\s+ZNODES$", lines[0].TrimEnd());
        Assert.Matches($@"^127\.0\.0\.1:{_member.ClientPort}\s+standalone\s+0\s+0x0\s+0\s+5$", lines[1].TrimEnd());
    }

    [Fact]
    public void Status_marks_an_unreachable_member_and_exits_with_1()
    {
        var closedPort = FreePorts.Allocate(1)[0];

        var (exit, output, error) = Run("status", "--server", $"127.0.0.1:{_member!.ClientPort},127.0.0.1:{closedPort}");

        Assert.Equal(ExitCodes.UsageOrConfiguration, exit);
        Assert.Contains($"127.0.0.1:{closedPort}", error);
        Assert.Matches($@"127\.0\.0\.1:{closedPort}\s+unreachable", output);
        Assert.Matches($@"127\.0\.0\.1:{_member.ClientPort}\s+standalone", output);
    }

    [Fact]
    public void Status_with_a_config_file_asks_every_member_the_file_lists()
    {
        var absent = FreePorts.Allocate(1)[0];
        var file = Path.Combine(_dataDir, "ensemble.conf");
        File.WriteAllText(file, $$"""
            coordinator.ensemble.members = [
              { id = 1, host = "127.0.0.1", client-port = {{_member!.ClientPort}}, quorum-port = 2888, election-port = 3888, role = participant }
              { id = 2, host = "127.0.0.1", client-port = {{absent}}, quorum-port = 2889, election-port = 3889, role = participant }
            ]
            """);

        var (exit, output, _) = Run("status", "--config", file);

        Assert.Equal(ExitCodes.UsageOrConfiguration, exit);
        Assert.Matches($@"127\.0\.0\.1:{_member.ClientPort}\s+standalone", output);
        Assert.Matches($@"127\.0\.0\.1:{absent}\s+unreachable", output);
    }

    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CoordinatorCli.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
