using System.Diagnostics;
using System.Net;
using System.Text;

namespace Coordinator.Tests.Interop.Servers;

/// <summary>
/// One Apache ZooKeeper JVM started straight from Debian's jar (no wrapper script, so the process id
/// we hold is the server itself). Its console output is kept for failure messages.
/// </summary>
internal sealed class ZooKeeperJvm : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _console = new();

    private ZooKeeperJvm(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts <paramref name="mainClass"/> with the given zoo.cfg.</summary>
    public static ZooKeeperJvm Start(string mainClass, string configFile, string workingDirectory)
    {
        var start = new ProcessStartInfo("java")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        // Small heap and serial GC: several servers may run at once on a small CI machine.
        foreach (var arg in new[] { "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-cp", InteropEnvironment.ZooKeeperJar, mainClass, configFile })
            start.ArgumentList.Add(arg);
        return new ZooKeeperJvm(Process.Start(start) ?? throw new InvalidOperationException("Could not start java"));
    }

    public string Console
    {
        get { lock (_console) return _console.ToString(); }
    }

    /// <summary>
    /// Waits until the member's <c>srvr</c> reports one of <paramref name="modes"/>: <c>ruok</c> alone
    /// answers while the server is still loading or electing, before it accepts sessions.
    /// </summary>
    public Task WaitUntilServingAsync(IPEndPoint client, params string[] modes)
    {
        string? mode = null;
        return StartupPoll.UntilAsync(
            async () =>
            {
                if (_process.HasExited)
                    throw new InvalidOperationException($"ZooKeeper on {client} exited with code {_process.ExitCode} while starting.\n{Console}");
                mode = await StartupPoll.ModeAsync(client);
                return mode is not null && modes.Contains(mode);
            },
            () => $"ZooKeeper on {client} serving as {string.Join('/', modes)} (last mode: {mode ?? "none"})\n{Console}");
    }

    /// <summary>Kills this JVM (and anything it spawned) and waits for it to be gone.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_console) _console.AppendLine(line);
    }
}
