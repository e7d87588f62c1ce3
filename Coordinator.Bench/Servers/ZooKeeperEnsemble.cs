namespace Coordinator.Bench.Servers;

/// <summary>Three Apache ZooKeeper 3.8 members (QuorumPeerMain), each with its own client, quorum and election port and data folder.</summary>
public sealed class ZooKeeperEnsemble : IServerTopology
{
    private const int Size = 3;

    public string Server => "ZooKeeper";

    public string Shape => "ensemble-3";

    public Task<RunningTopology> StartAsync()
    {
        var root = Directory.CreateTempSubdirectory("zookeeper-bench-ensemble-").FullName;
        var ports = FreePorts.Allocate(3 * Size);
        var clientPorts = Enumerable.Range(0, Size).Select(i => ports[3 * i]).ToArray();
        var servers = Enumerable.Range(0, Size).Select(i => $"server.{i + 1}=127.0.0.1:{ports[3 * i + 1]}:{ports[3 * i + 2]}").ToArray();
        return RunningTopology.StartOrCleanUpAsync(root, clientPorts, async processes =>
        {
            // All at once: a member finishes its election only once a majority is up.
            for (var i = 0; i < Size; i++)
            {
                var directory = Directory.CreateDirectory(Path.Combine(root, $"member{i + 1}")).FullName;
                var dataDir = Directory.CreateDirectory(Path.Combine(directory, "data")).FullName;
                File.WriteAllText(Path.Combine(dataDir, "myid"), $"{i + 1}\n");
                var config = ZooKeeperConfig.Write(directory, dataDir, clientPorts[i], ["initLimit=10", "syncLimit=5", .. servers]);
                processes.Add(ZooKeeperConfig.StartJvm($"zookeeper-{i + 1}", "org.apache.zookeeper.server.quorum.QuorumPeerMain", config, directory));
            }
            await ServingProbe.WaitUntilServingAsync(processes.Zip(clientPorts).ToArray(), "leader", "follower");
        });
    }
}
