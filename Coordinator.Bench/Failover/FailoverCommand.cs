using System.Diagnostics;
using System.Text.Json;
using Coordinator.Bench.Compare;
using Coordinator.Bench.Reports;
using Coordinator.Bench.Servers;
using Spectre.Console;

namespace Coordinator.Bench.Failover;

/// <summary>
/// <c>failover</c>: for each server, repeatedly (servers interleaved) launch a fresh 3-member ensemble and
/// time (i) cold start: launching all three processes to the first committed write, and (ii) failover:
/// SIGKILL of the leader to the first write committed by the survivors. Prints median and spread and
/// writes failover.json. Exit code 0 only if every run produced both figures.
/// </summary>
public static class FailoverCommand
{
    private const int Size = 3;
    private static readonly TimeSpan WriteDeadline = TimeSpan.FromSeconds(90);

    public static async Task<int> RunAsync(string[] args)
    {
        FailoverOptions options;
        try
        {
            options = FailoverOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"failover: {e.Message}\n\n{FailoverOptions.Usage}");
            return 1;
        }

        var launchers = options.Servers.Select(s => CompareCommand.Launcher(s, options.CoordinatorDll)).ToArray();
        if (launchers.Any(l => l.Server == ComparisonReport.Reference))
            ZooKeeperInstallation.EnsureInstalled(Console.Error);

        var samples = launchers.ToDictionary(l => l.Server, _ => new List<FailoverSample>());
        var errors = new List<string>();
        for (var run = 1; run <= options.Repetitions; run++)
        {
            foreach (var launcher in launchers)
            {
                try
                {
                    var sample = await MeasureOnceAsync(launcher);
                    samples[launcher.Server].Add(sample);
                    AnsiConsole.MarkupLineInterpolated(
                        $"{launcher.Server} run {run}/{options.Repetitions}: cold start {sample.ColdStartMs:N0} ms, failover {sample.FailoverMs:N0} ms (leader {sample.KilledLeader} killed)");
                }
                catch (Exception e) when (e is TimeoutException or InvalidOperationException or IOException)
                {
                    errors.Add($"{launcher.Server} run {run}: {e.Message}");
                    AnsiConsole.MarkupLineInterpolated($"[red]{launcher.Server} run {run} failed:[/] {e.Message}");
                }
            }
        }

        var report = new FailoverReport(DateTimeOffset.UtcNow, MachineInfo.Current(), "failover " + string.Join(' ', args),
            FirstWriteProbe.Interval.TotalMilliseconds,
            samples.Select(s => new FailoverFigures(s.Key, Spread.Of(s.Value.Select(x => x.ColdStartMs)),
                Spread.Of(s.Value.Select(x => x.FailoverMs)), s.Value)).ToArray(), errors);
        TerminalTable.WidenWhenRedirected();
        AnsiConsole.Write(Table(report));
        Directory.CreateDirectory(options.OutputDirectory);
        var json = Path.Combine(options.OutputDirectory, "failover.json");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, JsonReport.Options));
        AnsiConsole.MarkupLineInterpolated($"Report: {json}");
        return errors.Count == 0 ? 0 : 3;
    }

    /// <summary>One fresh ensemble: launch all members, time the first write; then kill the leader and time the survivors' first write.</summary>
    private static async Task<FailoverSample> MeasureOnceAsync(IMemberLauncher launcher)
    {
        using var ensemble = LocalEnsemble.Create(launcher, Size);
        var clock = Stopwatch.StartNew();
        foreach (var member in ensemble.Members)
            ensemble.Launch(member.Id);
        var coldStart = await FirstWriteProbe.WaitAsync(ensemble.ClientPorts, clock, WriteDeadline);

        var leader = await ensemble.WaitForLeaderAsync();
        var survivors = ensemble.Members.Where(m => m.Id != leader).Select(m => m.ClientPort).ToArray();
        clock.Restart();
        ensemble.KillMember(leader);
        var failover = await FirstWriteProbe.WaitAsync(survivors, clock, WriteDeadline);
        return new FailoverSample(Math.Round(coldStart.TotalMilliseconds), Math.Round(failover.TotalMilliseconds), leader);
    }

    private static Table Table(FailoverReport report)
    {
        var table = new Table().AddColumns("server", "runs", "cold start median", "min..max", "failover median", "min..max");
        foreach (var server in report.Servers)
            table.AddRow(server.Server, server.Samples.Count.ToString(), Ms(server.ColdStart.MedianMs), Range(server.ColdStart),
                Ms(server.Failover.MedianMs), Range(server.Failover));
        return table;

        static string Ms(double ms) => $"{ms:N0} ms";
        static string Range(Spread s) => $"{s.MinMs:N0}..{s.MaxMs:N0} ms";
    }
}

/// <summary>One run: both figures in milliseconds, and which member led (and was killed).</summary>
public sealed record FailoverSample(double ColdStartMs, double FailoverMs, int KilledLeader);

/// <summary>Median and extremes of a set of runs; NaN-free zeros when there were none.</summary>
public sealed record Spread(double MedianMs, double MinMs, double MaxMs)
{
    public static Spread Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return new Spread(0, 0, 0);
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return new Spread(median, sorted[0], sorted[^1]);
    }
}

public sealed record FailoverFigures(string Server, Spread ColdStart, Spread Failover, IReadOnlyList<FailoverSample> Samples);

/// <summary>A whole failover run: where, how, the probe's resolution, and the figures per server.</summary>
public sealed record FailoverReport(DateTimeOffset Date, MachineInfo Machine, string Command, double ProbeIntervalMs,
    IReadOnlyList<FailoverFigures> Servers, IReadOnlyList<string> Errors);
