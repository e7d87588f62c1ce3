using Coordinator.Bench.Servers;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace Coordinator.Tests.Interop.Servers;

/// <summary>
/// A standalone Coordinator member as a real process (the built <c>coordinator serve</c>) on a free
/// loopback port with a fresh data directory; an xunit class fixture. <see cref="StopAsync"/> sends
/// SIGTERM (clean shutdown); <see cref="KillAsync"/> sends SIGKILL, as a crash would.
/// </summary>
public sealed class CoordinatorServer : IServerUnderTest, IAsyncLifetime
{
    private readonly string _root;
    private readonly IPEndPoint _client;
    private readonly StringBuilder _console = new();
    private readonly string[] _extraArgs;
    private Process? _process;

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

    /// <summary>Everything the member printed so far, for failure messages.</summary>
    public string Console
    {
        get { lock (_console) return _console.ToString(); }
    }

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        if (_process is not null)
            throw new InvalidOperationException("The member is already running.");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "coordinator.dll"), "serve",
                     "--client-port", _client.Port.ToString(), "--data-dir", DataDir }.Concat(_extraArgs))
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the coordinator process");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await StartupPoll.UntilAsync(
            async () =>
            {
                if (process.HasExited)
                    throw new InvalidOperationException($"coordinator on {_client} exited with code {process.ExitCode} while starting.\n{Console}");
                return await StartupPoll.ModeAsync(_client) == "standalone";
            },
            () => $"coordinator on {_client} serving\n{Console}");
    }

    /// <summary>SIGTERM, then waits for the clean shutdown to finish.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process) return;
        _process = null;
        if (!process.HasExited)
        {
            Signal(process.Id, "TERM");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
        }
        process.Dispose();
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or power cut (the OS keeps what was fsynced).</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process) return;
        _process = null;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    public async Task DisposeAsync()
    {
        await KillAsync();
        Directory.Delete(_root, recursive: true);
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString()]);
        kill.WaitForExit();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_console) _console.AppendLine(line);
    }
}
