namespace Coordinator.Bench.Servers;

/// <summary>An ensemble of <paramref name="size"/> voting members of one server kind, as a benchmark topology.</summary>
public sealed class EnsembleTopology(IMemberLauncher launcher, int size) : IServerTopology
{
    public string Server => launcher.Server;

    public string Shape => $"ensemble-{size}";

    public async Task<IRunningTopology> StartAsync() => await LocalEnsemble.StartAsync(launcher, size);
}
