using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Coordinator.Bench.Servers;

/// <summary>
/// One server process started directly (no wrapper script), so the id we hold is the server itself and
/// ending it means ending that id. The last lines it printed are kept for error messages.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private const int KeptLines = 100;
    private readonly Process _process;
    private readonly Queue<string> _console = new();

    private ServerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Id => _process.Id;

    public string Console
    {
        get { lock (_console) return $"--- {Name} (pid {Id}) ---\n" + string.Join('\n', _console); }
    }

    public static ServerProcess Start(string name, string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}");
        return new ServerProcess(process, name);
    }

    public void ThrowIfExited(string when)
    {
        if (_process.HasExited)
            throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} {when}.\n{Console}");
    }

    /// <summary>
    /// SIGTERM to this process id, then waits for its clean shutdown. A shutdown that takes longer than
    /// <paramref name="grace"/> is a failure: the process is killed and a <see cref="TimeoutException"/> says so.
    /// </summary>
    public async Task TerminateAsync(TimeSpan grace)
    {
        if (_process.HasExited) return;
        if (SendSignal(_process.Id, SigTerm) != 0 && !_process.HasExited)
            throw new InvalidOperationException($"kill(SIGTERM) of {Name} (pid {Id}) failed with errno {Marshal.GetLastPInvokeError()}.");
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            var console = Console;
            Dispose();
            throw new TimeoutException($"{Name} did not shut down within {grace} of SIGTERM; killed.\n{console}");
        }
    }

    /// <summary>Kills this process by its id (SIGKILL: no shutdown code runs, as in a crash) and any child it started, and waits until it is gone.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill: nothing left to end.
        }
        _process.Dispose();
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_console)
        {
            _console.Enqueue(line);
            if (_console.Count > KeptLines)
                _console.Dequeue();
        }
    }
}
