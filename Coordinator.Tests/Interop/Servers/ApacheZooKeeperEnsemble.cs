using Coordinator.Bench.Servers;
using System.Net;

namespace Coordinator.Tests.Interop.Servers;

/// <summary>
/// A three-member Apache ZooKeeper 3.8 ensemble (QuorumPeerMain) on loopback, each member with its own
/// client, quorum and election port and data directory; an xunit class fixture.
/// </summary>
public sealed class ApacheZooKeeperEnsemble : IEnsembleUnderTest, IAsyncLifetime
{
    public const int Size = 3;

    private readonly string _root;
    private readonly Member[] _members;

    public ApacheZooKeeperEnsemble()
    {
        InteropEnvironment.RequireZooKeeper();
        _root = ZooKeeperConfig.CreateTempRoot("zk-ensemble");
        var ports = FreePorts.Allocate(3 * Size);
        _members = Enumerable.Range(0, Size)
            .Select(i => new Member(i + 1, new IPEndPoint(IPAddress.Loopback, ports[3 * i]), ports[3 * i + 1], ports[3 * i + 2]))
            .ToArray();
    }

    public string Kind => "ApacheZooKeeperEnsemble";

    public IReadOnlyList<IPEndPoint> ClientEndpoints => _members.Select(m => m.Client).ToArray();

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        try
        {
            // All at once: a member can only finish its election once a majority is up.
            await Task.WhenAll(Enumerable.Range(0, Size).Select(StartMemberAsync));
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    public Task StopAsync()
    {
        foreach (var member in _members)
        {
            member.Jvm?.Dispose();
            member.Jvm = null;
        }
        return Task.CompletedTask;
    }

    public async Task StartMemberAsync(int index)
    {
        var member = _members[index];
        if (member.Jvm is not null)
            throw new InvalidOperationException($"Member {member.Id} is already running.");
        var directory = Directory.CreateDirectory(Path.Combine(_root, $"member{member.Id}")).FullName;
        var dataDir = Directory.CreateDirectory(Path.Combine(directory, "data")).FullName;
        File.WriteAllText(Path.Combine(dataDir, "myid"), $"{member.Id}\n");
        var servers = _members.Select(m => $"server.{m.Id}=127.0.0.1:{m.QuorumPort}:{m.ElectionPort}");
        var config = ZooKeeperConfig.Write(directory, dataDir, member.Client, ["initLimit=10", "syncLimit=5", .. servers]);
        member.Jvm = ZooKeeperJvm.Start("org.apache.zookeeper.server.quorum.QuorumPeerMain", config, directory);
        await member.Jvm.WaitUntilServingAsync(member.Client, "leader", "follower");
    }

    /// <summary>
    /// Kills member <paramref name="index"/>; if the others still form a majority, returns once they
    /// have exactly one leader again (immediately unless the leader was the one killed).
    /// </summary>
    public async Task StopMemberAsync(int index)
    {
        _members[index].Jvm?.Dispose();
        _members[index].Jvm = null;
        var running = _members.Where(m => m.Jvm is not null).ToArray();
        if (running.Length <= Size / 2)
            return;
        string?[] modes = [];
        await StartupPoll.UntilAsync(
            async () =>
            {
                modes = await Task.WhenAll(running.Select(m => StartupPoll.ModeAsync(m.Client)));
                return modes.Count(m => m == "leader") == 1 && modes.All(m => m is "leader" or "follower");
            },
            () => $"one leader among the remaining members (modes: {string.Join(", ", modes)})");
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_root, recursive: true);
    }

    private sealed record Member(int Id, IPEndPoint Client, int QuorumPort, int ElectionPort)
    {
        public ZooKeeperJvm? Jvm { get; set; }
    }
}
