namespace Coordinator.Bench.Servers;

/// <summary>
/// How to start one kind of server in one shape (standalone, a 3-member ensemble) on fresh loopback
/// ports and fresh data folders. Adding a shape for a server kind is one more implementation.
/// </summary>
public interface IServerTopology
{
    /// <summary>The implementation, e.g. "Coordinator" or "ZooKeeper"; the column the figures go under.</summary>
    string Server { get; }

    /// <summary>The shape, e.g. "standalone" or "ensemble-3".</summary>
    string Shape { get; }

    /// <summary>Starts every member and returns once all of them serve clients.</summary>
    Task<IRunningTopology> StartAsync();
}

/// <summary>
/// Started members: how clients reach them and their process ids. Disposing ends every process by its own id
/// and deletes the folder that held their data and configuration.
/// </summary>
public interface IRunningTopology : IDisposable
{
    /// <summary>The ids of the member processes running now.</summary>
    IReadOnlyList<int> ProcessIds { get; }

    /// <summary>The "host:port,host:port" form every ZooKeeper client takes.</summary>
    string ConnectString { get; }

    /// <summary>Fails with the members' last output if any of them has stopped.</summary>
    void ThrowIfAnyExited();
}

/// <summary>A fixed set of member processes started together (the standalone shapes).</summary>
public sealed class RunningTopology : IRunningTopology
{
    private readonly IReadOnlyList<ServerProcess> _processes;
    private readonly string _root;

    public RunningTopology(IReadOnlyList<ServerProcess> processes, IReadOnlyList<int> clientPorts, string root)
    {
        _processes = processes;
        ClientPorts = clientPorts;
        _root = root;
    }

    public IReadOnlyList<int> ClientPorts { get; }

    public IReadOnlyList<int> ProcessIds => _processes.Select(p => p.Id).ToArray();

    public string ConnectString => string.Join(',', ClientPorts.Select(p => $"127.0.0.1:{p}"));

    public void ThrowIfAnyExited()
    {
        foreach (var process in _processes)
            process.ThrowIfExited("during the run");
    }

    public void Dispose()
    {
        foreach (var process in _processes)
            process.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (a straggling child) must not fail the run; the folder is under /tmp.
        }
    }

    /// <summary>Disposes whatever already started when a later member fails to start.</summary>
    public static async Task<IRunningTopology> StartOrCleanUpAsync(string root, IReadOnlyList<int> ports,
        Func<List<ServerProcess>, Task> start)
    {
        var processes = new List<ServerProcess>();
        var running = new RunningTopology(processes, ports, root);
        try
        {
            await start(processes);
            return running;
        }
        catch
        {
            running.Dispose();
            throw;
        }
    }
}
