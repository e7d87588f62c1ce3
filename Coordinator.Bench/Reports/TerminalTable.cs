using System.Globalization;
using Coordinator.Bench.Compare;
using Spectre.Console;

namespace Coordinator.Bench.Reports;

/// <summary>The comparison as a terminal table: one row per workload, both servers side by side, and the ratios.</summary>
public static class TerminalTable
{
    public static Table Build(ComparisonReport report)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Coordinator ÷ ZooKeeper, {report.Servers.FirstOrDefault()?.Shape ?? ""}")
            .AddColumn("Workload");
        foreach (var server in report.Servers)
            table.AddColumn(new TableColumn($"{server.Server}\nops/s").RightAligned())
                .AddColumn(new TableColumn($"{server.Server}\np99 ms").RightAligned())
                .AddColumn(new TableColumn($"{server.Server}\nerrors").RightAligned())
                .AddColumn(new TableColumn($"{server.Server}\nRSS peak MiB").RightAligned());
        table.AddColumn(new TableColumn("ops/s\nratio").RightAligned()).AddColumn(new TableColumn("p99\nratio").RightAligned());

        foreach (var workload in report.Workloads)
        {
            var cells = new List<string> { workload };
            foreach (var server in report.Servers)
            {
                var figures = server.Workloads.FirstOrDefault(w => w.Workload == workload);
                cells.Add(figures is null ? "-" : Number(figures.OpsPerSecond, "N0"));
                cells.Add(figures is null ? "-" : Number(figures.Latency.P99Ms, "N2"));
                cells.Add(figures is null ? "-" : figures.Errors == 0 ? "0" : $"[red]{figures.Errors}[/]");
                cells.Add(figures is null ? "-" : Number(figures.RssPeakMiB, "N0"));
            }
            cells.Add(Ratio(report.ThroughputRatio(workload), higherIsBetter: true));
            cells.Add(Ratio(report.P99Ratio(workload), higherIsBetter: false));
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Ratio(double? ratio, bool higherIsBetter)
    {
        if (ratio is not { } r) return "-";
        var good = higherIsBetter ? r >= 1 : r <= 1;
        return $"[{(good ? "green" : "yellow")}]{r.ToString("0.00", CultureInfo.InvariantCulture)}[/]";
    }
}
