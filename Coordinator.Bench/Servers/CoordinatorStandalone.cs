namespace Coordinator.Bench.Servers;

/// <summary>
/// One <c>coordinator serve</c> member, run as <c>dotnet coordinator.dll</c> from the build output next
/// to this assembly (Coordinator.Bench references Coordinator.Host for exactly that), fsync on as by default.
/// </summary>
public sealed class CoordinatorStandalone(string? coordinatorDll = null) : IServerTopology
{
    private readonly string _dll = coordinatorDll ?? Path.Combine(AppContext.BaseDirectory, "coordinator.dll");

    public string Server => "Coordinator";

    public string Shape => "standalone";

    public Task<IRunningTopology> StartAsync()
    {
        if (!File.Exists(_dll))
            throw new FileNotFoundException($"coordinator.dll not found at {_dll}; build Coordinator.Host or pass --coordinator-dll.");
        var root = Directory.CreateTempSubdirectory("coordinator-bench-").FullName;
        var port = FreePorts.Allocate(1)[0];
        // Only what a benchmark needs differs from the shipped defaults: loopback, and no per-IP
        // connection cap (the watch fan-out opens 1,000 sessions from one address).
        var config = Path.Combine(root, "bench.conf");
        File.WriteAllText(config, """
            coordinator {
              member {
                client-address = "127.0.0.1"
                max-client-cnxns = 0
              }
              ensemble.members = []
            }
            """);
        return RunningTopology.StartOrCleanUpAsync(root, [port], async processes =>
        {
            var process = ServerProcess.Start("coordinator", "dotnet",
                [_dll, "serve", "--config", config, "--client-port", port.ToString(), "--data-dir", Path.Combine(root, "data")], root);
            processes.Add(process);
            await ServingProbe.WaitUntilServingAsync([(process, port)], "standalone");
        });
    }
}
