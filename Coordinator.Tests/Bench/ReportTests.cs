using System.Text.Json;
using Coordinator.Bench.Compare;
using Coordinator.Bench.Load;
using Coordinator.Bench.Reports;
using Coordinator.Bench.Servers;

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
            new ServerFigures("Coordinator", "standalone", [Figures("get-data", opsPerSecond: 25_000, p99Ms: 2, errors: 3)]),
        ]);

    private static WorkloadFigures Figures(string workload, double opsPerSecond, double p99Ms, long errors)
    {
        var measurement = new Measurement { Elapsed = TimeSpan.FromSeconds(1) };
        for (var i = 0; i < opsPerSecond; i++)
            measurement.Latency.Record((long)(p99Ms * 1e6));
        for (var i = 0; i < errors; i++)
            measurement.RecordError(new TimeoutException("slow"));
        return WorkloadFigures.From(workload, "a description", measurement, new MemorySummary(100 << 20, 90 << 20));
    }

    [Fact]
    public void Ratios_divide_this_project_by_zookeeper()
    {
        Assert.Equal(2.5, Report.ThroughputRatio("get-data")!.Value, 3);
        Assert.Equal(0.5, Report.P99Ratio("get-data")!.Value, 2);
        Assert.Null(Report.ThroughputRatio("create"));
    }

    [Fact]
    public void Json_holds_every_figure_and_the_ratios()
    {
        using var json = JsonDocument.Parse(JsonReport.Render(Report));
        var root = json.RootElement;

        Assert.Equal(2.5, root.GetProperty("ratios")[0].GetProperty("throughput").GetDouble(), 3);
        var coordinator = root.GetProperty("servers")[1];
        Assert.Equal("Coordinator", coordinator.GetProperty("server").GetString());
        var getData = coordinator.GetProperty("workloads")[0];
        Assert.Equal(25_000, getData.GetProperty("operations").GetInt64());
        Assert.Equal(3, getData.GetProperty("errors").GetInt64());
        Assert.Equal(100, getData.GetProperty("rssPeakMiB").GetDouble());
        Assert.Equal(2, root.GetProperty("machine").GetProperty("cores").GetInt32());
    }

    [Fact]
    public void Html_is_self_contained_with_the_ratio_chart_and_a_latency_chart_per_workload()
    {
        var html = HtmlReport.Render(Report);

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("href=", html);
        Assert.Equal(2, html.Split("<svg").Length - 1);
        Assert.Contains(">2.50<", html);
        Assert.Contains("get-data", html);
    }
}
