using Coordinator.Bench.Servers;
using System.Net;

namespace Coordinator.Tests.Interop.Servers;

/// <summary>
/// A standalone Apache ZooKeeper 3.8 (ZooKeeperServerMain) on a free loopback port with a fresh data
/// directory and every four-letter word allowed; an xunit class fixture. Disposing kills the JVM and
/// deletes the directory.
/// </summary>
public sealed class ApacheZooKeeperServer : IServerUnderTest, IAsyncLifetime
{
    private readonly string _root;
    private readonly IPEndPoint _client;
    private ServerProcess? _jvm;

    public ApacheZooKeeperServer()
    {
        InteropEnvironment.RequireZooKeeper();
        _root = Directory.CreateTempSubdirectory("coordinator-zk-").FullName;
        _client = new IPEndPoint(IPAddress.Loopback, FreePorts.Allocate(1)[0]);
    }

    public string Kind => "ApacheZooKeeper";

    public IReadOnlyList<IPEndPoint> ClientEndpoints => [_client];

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        if (_jvm is not null)
            throw new InvalidOperationException("The server is already running.");
        var dataDir = Directory.CreateDirectory(Path.Combine(_root, "data")).FullName;
        var config = ZooKeeperConfig.Write(_root, dataDir, _client.Port, [], fourLetterWords: "*");
        _jvm = ZooKeeperConfig.StartJvm("zookeeper", "org.apache.zookeeper.server.ZooKeeperServerMain", config, _root,
            ApacheZooKeeperLauncher.TestJvmOptions);
        try
        {
            await ServingProbe.WaitUntilServingAsync([(_jvm, _client.Port)], "standalone");
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    public Task StopAsync()
    {
        _jvm?.Dispose();
        _jvm = null;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_root, recursive: true);
    }
}
