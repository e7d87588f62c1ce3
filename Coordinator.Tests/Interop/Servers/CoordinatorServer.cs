using Coordinator.Bench.Servers;
using System.Net;

namespace Coordinator.Tests.Interop.Servers;

/// <summary>
/// A standalone Coordinator member as a real process (the built <c>coordinator serve</c>) on a free
/// loopback port with a fresh data directory; an xunit class fixture. <see cref="StopAsync"/> sends
/// SIGTERM (clean shutdown); <see cref="KillAsync"/> sends SIGKILL, as a crash would.
/// </summary>
public sealed class CoordinatorServer : IServerUnderTest, IAsyncLifetime
{
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(30);
    private readonly string _root;
    private readonly IPEndPoint _client;
    private readonly string[] _extraArgs;
    private ServerProcess? _process;

    public CoordinatorServer()
        : this([])
    {
    }

    /// <param name="extraArgs">More <c>serve</c> arguments, e.g. <c>--config</c> with test settings.</param>
    internal CoordinatorServer(params string[] extraArgs)
    {
        _extraArgs = extraArgs;
        _root = Directory.CreateTempSubdirectory("coordinator-").FullName;
        _client = new IPEndPoint(IPAddress.Loopback, FreePorts.Allocate(1)[0]);
    }

    public string Kind => "Coordinator";

    public IReadOnlyList<IPEndPoint> ClientEndpoints => [_client];

    public string DataDir => Path.Combine(_root, "data");

    /// <summary>The id of the member's process while it runs.</summary>
    internal int? ProcessId => _process?.Id;

    /// <summary>The last lines the member printed, for failure messages.</summary>
    public string Console => _process?.Console ?? "(not running)";

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        if (_process is not null)
            throw new InvalidOperationException("The member is already running.");
        _process = ServerProcess.Start("coordinator", "dotnet",
            [Path.Combine(AppContext.BaseDirectory, "coordinator.dll"), "serve", "--client-port", _client.Port.ToString(), "--data-dir", DataDir, .. _extraArgs],
            _root);
        await ServingProbe.WaitUntilServingAsync([(_process, _client.Port)], "standalone");
    }

    /// <summary>SIGTERM, then waits for the clean shutdown to finish (failing if it takes longer than 30 s).</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process) return;
        _process = null;
        await process.TerminateAsync(ShutdownGrace);
        process.Dispose();
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or power cut (the OS keeps what was fsynced).</summary>
    public Task KillAsync()
    {
        _process?.Dispose();
        _process = null;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await KillAsync();
        Directory.Delete(_root, recursive: true);
    }
}
