using System.Diagnostics;

namespace Coordinator.Tests.Interop.Clients;

/// <summary>
/// Drives Debian's <c>zkCli.sh</c>: all commands of one test go through a single session (one JVM
/// start) fed on stdin, ending with <c>quit</c>.
/// </summary>
public static class ZkCli
{
    public static async Task<ZkCliResult> RunAsync(string connectString, IEnumerable<string> commands, TimeSpan? timeout = null)
    {
        InteropEnvironment.RequireZooKeeper();
        var start = new ProcessStartInfo("bash") { ArgumentList = { InteropEnvironment.ZkCliScript, "-server", connectString } };
        // C1-only JIT and serial GC roughly halve the start-up of a JVM that runs for a second.
        start.Environment["CLIENT_JVMFLAGS"] = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto";
        var script = string.Concat(commands.Append("quit").Select(c => c + "\n"));
        var result = await ExternalProcess.RunAsync(start, script, timeout ?? TimeSpan.FromSeconds(60));
        return new ZkCliResult(result);
    }
}

/// <summary>
/// zkCli's output, split the way zkCli writes it: command results on stdout (with the banner and
/// asynchronous watcher notices mixed in), "Created ..." and error messages on stderr.
/// </summary>
public sealed class ZkCliResult(ProcessResult process)
{
    private static readonly string[] Banner = ["Connecting to ", "Welcome to ZooKeeper!", "JLine support is "];

    public ProcessResult Process { get; } = process;

    /// <summary>stdout lines that commands printed: no banner, no blank lines, no watcher notices.</summary>
    public IReadOnlyList<string> Output => Lines(Process.Output)
        .Where(l => l.Length > 0 && l != "WATCHER::" && !l.StartsWith("WatchedEvent ", StringComparison.Ordinal)
                    && !Banner.Any(b => l.StartsWith(b, StringComparison.Ordinal)))
        .ToArray();

    /// <summary>stderr lines without the JVM's logging-binding warnings.</summary>
    public IReadOnlyList<string> Errors => Lines(Process.Errors)
        .Where(l => l.Length > 0 && !l.StartsWith("SLF4J: ", StringComparison.Ordinal))
        .ToArray();

    /// <summary>The "WatchedEvent ..." lines the default watcher printed, in order.</summary>
    public IReadOnlyList<string> WatchedEvents => Lines(Process.Output)
        .Where(l => l.StartsWith("WatchedEvent ", StringComparison.Ordinal))
        .ToArray();

    /// <summary>
    /// Every Stat zkCli printed (<c>stat</c>, <c>get -s</c>, ...), as name → value, in order; a block
    /// starts at its <c>cZxid = ...</c> line.
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Stats()
    {
        var stats = new List<Dictionary<string, string>>();
        foreach (var line in Output)
        {
            var separator = line.IndexOf(" = ", StringComparison.Ordinal);
            if (separator <= 0) continue;
            var name = line[..separator];
            if (name == "cZxid") stats.Add([]);
            if (stats.Count > 0) stats[^1][name] = line[(separator + 3)..];
        }
        return stats;
    }

    public override string ToString() => Process.ToString();

    private static string[] Lines(string text) => text.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
}
