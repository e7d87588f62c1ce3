using System.Globalization;
using Coordinator.Bench.Compare;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Coordinator.Bench.Reports;

/// <summary>
/// The comparison as terminal tables, one per shape: one row per workload; per metric one column per
/// server, and the Coordinator ÷ ZooKeeper ratio next to ops/s, p99 and resident memory; last, how much CPU the
/// hypervisor stole during each run.
/// </summary>
public static class TerminalTable
{
    public static IRenderable Build(ComparisonReport report) => new Rows(report.Shapes.Select(shape => Build(report, shape)));

    private static Table Build(ComparisonReport report, string shape)
    {
        var servers = report.In(shape);
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Coordinator ÷ ZooKeeper, {shape}")
            .AddColumn("Workload");
        void AddColumns(string metric)
        {
            foreach (var server in servers)
                table.AddColumn(new TableColumn($"{metric}\n{server.Server}").RightAligned());
        }

        AddColumns("ops/s");
        table.AddColumn(new TableColumn("ops/s\nratio").RightAligned());
        AddColumns("p99 ms");
        table.AddColumn(new TableColumn("p99\nratio").RightAligned());
        AddColumns("errors");
        AddColumns("RSS MiB");
        table.AddColumn(new TableColumn("RSS\nratio").RightAligned());
        AddColumns("steal %");

        foreach (var workload in report.Workloads(shape))
        {
            var figures = servers.Select(s => s.Workloads.FirstOrDefault(w => w.Workload == workload)).ToArray();
            var cells = new List<string> { workload };
            cells.AddRange(figures.Select(f => f is null ? "-" : Number(f.OpsPerSecond, "N0")));
            cells.Add(Ratio(report.ThroughputRatio(shape, workload), higherIsBetter: true));
            cells.AddRange(figures.Select(f => f is null ? "-" : Number(f.Latency.P99Ms, "N2")));
            cells.Add(Ratio(report.P99Ratio(shape, workload), higherIsBetter: false));
            cells.AddRange(figures.Select(f => f is null ? "-" : f.Errors == 0 ? "0" : $"[red]{f.Errors}[/]"));
            cells.AddRange(figures.Select(f => f is not { RssPeakMiB: > 0 } ? "-" : Number(f.RssPeakMiB, "N0")));
            cells.Add(Ratio(report.MemoryRatio(shape, workload), higherIsBetter: false));
            cells.AddRange(figures.Select(f => f is null ? "-" : Number(f.StealPercent, "0")));
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    /// <summary>A log file does not wrap; the default 80 columns of a redirected console would cut the tables.</summary>
    public static void WidenWhenRedirected()
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 220;
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Ratio(double? ratio, bool higherIsBetter)
    {
        if (ratio is not { } r) return "-";
        return $"[{(ComparisonReport.FavoursOurs(r, higherIsBetter) ? "green" : "yellow")}]{r.ToString("0.00", CultureInfo.InvariantCulture)}[/]";
    }
}
