namespace Coordinator.Bench.Servers;

/// <summary>
/// Apache ZooKeeper 3.8 standalone (ZooKeeperServerMain) as Debian ships it: java with no heap or GC
/// flags (the package sets none), fsync on (forceSync defaults to yes).
/// </summary>
public sealed class ZooKeeperStandalone : IServerTopology
{
    public string Server => "ZooKeeper";

    public string Shape => "standalone";

    public Task<IRunningTopology> StartAsync()
    {
        var root = Directory.CreateTempSubdirectory("zookeeper-bench-").FullName;
        var port = FreePorts.Allocate(1)[0];
        var dataDir = Directory.CreateDirectory(Path.Combine(root, "data")).FullName;
        var config = ZooKeeperConfig.Write(root, dataDir, port, []);
        return RunningTopology.StartOrCleanUpAsync(root, [port], async processes =>
        {
            var process = ZooKeeperConfig.StartJvm("zookeeper", "org.apache.zookeeper.server.ZooKeeperServerMain", config, root);
            processes.Add(process);
            await ServingProbe.WaitUntilServingAsync([(process, port)], "standalone");
        });
    }
}
