using System.Globalization;
using Coordinator.Bench.Compare;
using Spectre.Console;

namespace Coordinator.Bench.Reports;

/// <summary>
/// The comparison as a terminal table: one row per workload; per metric one column per server, and
/// the Coordinator ÷ ZooKeeper ratio next to ops/s and p99.
/// </summary>
public static class TerminalTable
{
    public static Table Build(ComparisonReport report)
    {
        var servers = report.Servers;
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Coordinator ÷ ZooKeeper ({string.Join(", ", servers.Select(s => s.Shape).Distinct())})")
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

        foreach (var workload in report.Workloads)
        {
            var figures = servers.Select(s => s.Workloads.FirstOrDefault(w => w.Workload == workload)).ToArray();
            var cells = new List<string> { workload };
            cells.AddRange(figures.Select(f => f is null ? "-" : Number(f.OpsPerSecond, "N0")));
            cells.Add(Ratio(report.ThroughputRatio(workload), higherIsBetter: true));
            cells.AddRange(figures.Select(f => f is null ? "-" : Number(f.Latency.P99Ms, "N2")));
            cells.Add(Ratio(report.P99Ratio(workload), higherIsBetter: false));
            cells.AddRange(figures.Select(f => f is null ? "-" : f.Errors == 0 ? "0" : $"[red]{f.Errors}[/]"));
            cells.AddRange(figures.Select(f => f is null ? "-" : Number(f.RssPeakMiB, "N0")));
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
