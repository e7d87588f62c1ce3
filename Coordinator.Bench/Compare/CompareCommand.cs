using Coordinator.Bench.Reports;
using Coordinator.Bench.Servers;
using Coordinator.Bench.Workloads;
using Spectre.Console;

namespace Coordinator.Bench.Compare;

/// <summary>
/// <c>compare</c>: every chosen workload against every chosen server, each on a freshly started
/// topology, with a live progress display; then the table on the terminal and report.json +
/// report.html in the output folder. Exit code 0 only if every workload ran operations without errors.
/// </summary>
public static class CompareCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        CompareOptions options;
        try
        {
            options = CompareOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"compare: {e.Message}\n\n{string.Format(CompareOptions.Usage, string.Join(",", WorkloadCatalog.Names))}");
            return 1;
        }

        var topologies = Topologies(options);
        if (topologies.Any(t => t.Server == ComparisonReport.Reference))
            ZooKeeperInstallation.EnsureInstalled(Console.Error);

        var servers = await RunWithProgressAsync(options, topologies);
        var report = new ComparisonReport(DateTimeOffset.UtcNow, MachineInfo.Current(),
            "compare " + string.Join(' ', args), options.Settings, servers);

        TerminalTable.WidenWhenRedirected();
        AnsiConsole.Write(TerminalTable.Build(report));
        Directory.CreateDirectory(options.OutputDirectory);
        var json = Path.Combine(options.OutputDirectory, "report.json");
        var html = Path.Combine(options.OutputDirectory, "report.html");
        await File.WriteAllTextAsync(json, JsonReport.Render(report));
        await File.WriteAllTextAsync(html, HtmlReport.Render(report));
        AnsiConsole.MarkupLineInterpolated($"Reports: {json}, {html}");

        var failed = servers.SelectMany(s => s.Workloads.Select(w => (s.Server, w)))
            .Where(x => x.w.Operations == 0 || x.w.Errors > 0).ToArray();
        foreach (var (server, figures) in failed)
            AnsiConsole.MarkupLineInterpolated($"[red]{server} {figures.Workload}: {figures.Operations} operations, {figures.Errors} errors[/] {string.Join("; ", figures.ErrorKinds.Keys)}");
        return failed.Length == 0 ? 0 : 3;
    }

    private static List<IServerTopology> Topologies(CompareOptions options) => options.Target is { } target
        ? [new ExternalServer(target)]
        : options.Topologies.SelectMany(shape => options.Servers.Select(server => Topology(server, shape, options.CoordinatorDll))).ToList();

    /// <summary>One server kind in one shape; CompareOptions has already checked both names.</summary>
    public static IServerTopology Topology(string server, string shape, string? coordinatorDll) => (server, shape) switch
    {
        ("zookeeper", "standalone") => new ZooKeeperStandalone(),
        (_, "ensemble-3") => new EnsembleTopology(Launcher(server, coordinatorDll), 3),
        ("coordinator", "standalone") => new CoordinatorStandalone(coordinatorDll),
        _ => throw new ArgumentException($"no {shape} topology for {server}"),
    };

    /// <summary>How to start one ensemble member of a server kind; CompareOptions and FailoverOptions have checked the name.</summary>
    public static IMemberLauncher Launcher(string server, string? coordinatorDll) => server switch
    {
        "zookeeper" => new ZooKeeperMemberLauncher(),
        "coordinator" => new CoordinatorMemberLauncher(coordinatorDll),
        _ => throw new ArgumentException($"no member launcher for {server}"),
    };

    /// <summary>
    /// Shape by shape, workload by workload, each server in turn, so background load on a shared
    /// machine (which drifts over minutes) hits both servers' figures for a workload alike.
    /// </summary>
    private static async Task<List<ServerFigures>> RunWithProgressAsync(CompareOptions options, IReadOnlyList<IServerTopology> topologies)
    {
        var figures = topologies.ToDictionary(t => t, _ => new List<WorkloadFigures>());
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var runs = topologies.Select(t => t.Shape).Distinct()
                    .SelectMany(shape => options.Workloads.SelectMany(w => topologies.Where(t => t.Shape == shape).Select(t => (w, t))))
                    .ToArray();
                var tasks = runs.ToDictionary(x => x, x => context.AddTask($"{x.t.Server} {x.t.Shape}: {x.w}", autoStart: false, maxValue: 1));
                foreach (var (name, topology) in runs)
                {
                    var task = tasks[(name, topology)];
                    var label = $"{topology.Server} {topology.Shape}: {name}";
                    Task<WorkloadFigures> Measure() => WorkloadRun.RunAsync(topology, WorkloadCatalog.Create(name), options.Settings,
                        new Progress<double>(fraction => task.Value = fraction));
                    task.StartTask();
                    var result = await Measure();
                    if (result.StealPercent > options.MaxStealPercent)
                    {
                        // The hypervisor took the CPU away for much of the run: it measured a slower machine. Once more.
                        task.Description = $"{label} (CPU steal {result.StealPercent:0} %, measuring again)";
                        result = await Measure() with { Attempts = 2 };
                    }
                    task.Value = 1;
                    task.Description = $"{label} {result.OpsPerSecond:N0} ops/s"
                        + (result.StealPercent > options.MaxStealPercent ? $" [yellow]CPU steal {result.StealPercent:0} %[/]" : "")
                        + (result.Errors > 0 ? $" [red]{result.Errors} errors[/]" : "");
                    task.StopTask();
                    figures[topology].Add(result);
                }
            });
        return topologies.Select(t => new ServerFigures(t.Server, t.Shape, figures[t])).ToList();
    }
}
