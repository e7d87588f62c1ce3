using System.Text.Json;
using Coordinator.Bench.Compare;
using Coordinator.Bench.Load;
using Coordinator.Bench.Reports;
using Coordinator.Bench.Servers;
using Spectre.Console;

namespace Coordinator.Tests.Bench;

public sealed class ReportTests
{
    private static readonly ComparisonReport Report = new(
        new DateTimeOffset(2026, 11, 22, 1, 0, 0, TimeSpan.Zero),
        new MachineInfo("Test CPU", 2, 24, "Debian 12", ".NET 10"),
        "compare --duration 1s",
        LoadSettings.Default,
        [
            new ServerFigures("ZooKeeper", "standalone", [Figures("get-data", opsPerSecond: 10_000, p99Ms: 4, errors: 0)]),
            new ServerFigures("Coordinator", "standalone", [Figures("get-data", opsPerSecond: 25_000, p99Ms: 2, errors: 3, rssMiB: 50)]),
            new ServerFigures("ZooKeeper", "ensemble-3", [Figures("get-data", opsPerSecond: 5_000, p99Ms: 8, errors: 0)]),
            new ServerFigures("Coordinator", "ensemble-3", [Figures("get-data", opsPerSecond: 20_000, p99Ms: 2, errors: 0)]),
        ]);

    private static WorkloadFigures Figures(string workload, double opsPerSecond, double p99Ms, long errors, int rssMiB = 100)
    {
        var measurement = new Measurement { Elapsed = TimeSpan.FromSeconds(1) };
        for (var i = 0; i < opsPerSecond; i++)
            measurement.Latency.Record((long)(p99Ms * 1e6));
        for (var i = 0; i < errors; i++)
            measurement.RecordError(new TimeoutException("slow"));
        return WorkloadFigures.From(workload, "a description", measurement, new MemorySummary((long)rssMiB << 20, 90 << 20), stealPercent: 2.5);
    }

    [Fact]
    public void Ratios_divide_this_project_by_zookeeper_within_one_shape()
    {
        Assert.Equal(2.5, Report.ThroughputRatio("standalone", "get-data")!.Value, 3);
        Assert.Equal(0.5, Report.P99Ratio("standalone", "get-data")!.Value, 2);
        Assert.Equal(0.5, Report.MemoryRatio("standalone", "get-data")!.Value, 2);
        Assert.Equal(4.0, Report.ThroughputRatio("ensemble-3", "get-data")!.Value, 3);
        Assert.Null(Report.ThroughputRatio("standalone", "create"));
    }

    [Fact]
    public void Json_holds_every_figure_and_the_ratios()
    {
        using var json = JsonDocument.Parse(JsonReport.Render(Report));
        var root = json.RootElement;

        Assert.Equal(2.5, root.GetProperty("ratios")[0].GetProperty("throughput").GetDouble(), 3);
        Assert.Equal("ensemble-3", root.GetProperty("ratios")[1].GetProperty("shape").GetString());
        Assert.Equal(4.0, root.GetProperty("ratios")[1].GetProperty("throughput").GetDouble(), 3);
        var coordinator = root.GetProperty("servers")[1];
        Assert.Equal("Coordinator", coordinator.GetProperty("server").GetString());
        var getData = coordinator.GetProperty("workloads")[0];
        Assert.Equal(25_000, getData.GetProperty("operations").GetInt64());
        Assert.Equal(3, getData.GetProperty("errors").GetInt64());
        Assert.Equal(50, getData.GetProperty("rssPeakMiB").GetDouble());
        Assert.Equal(2.5, getData.GetProperty("stealPercent").GetDouble());
        Assert.Equal(2, root.GetProperty("machine").GetProperty("cores").GetInt32());
    }

    [Fact]
    public void Html_is_self_contained_with_ratio_charts_and_a_latency_chart_per_workload_for_each_shape()
    {
        var html = HtmlReport.Render(Report);

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("href=", html);
        Assert.Equal(2 * (3 + 1), html.Split("<svg").Length - 1);
        Assert.Contains(">2.50<", html);
        Assert.Contains(">4.00<", html);
        Assert.Contains("<h2>ensemble-3</h2>", html);
    }

    [Fact]
    public void Terminal_output_has_one_table_per_shape()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No });
        console.Profile.Width = 200;

        console.Write(TerminalTable.Build(Report));

        Assert.Contains("Coordinator ÷ ZooKeeper, standalone", output.ToString());
        Assert.Contains("Coordinator ÷ ZooKeeper, ensemble-3", output.ToString());
    }
}
