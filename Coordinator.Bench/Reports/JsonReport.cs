using System.Text.Json;
using System.Text.Json.Serialization;
using Coordinator.Bench.Compare;

namespace Coordinator.Bench.Reports;

/// <summary>Every figure of a comparison as indented JSON, plus the ratios per shape and workload.</summary>
public static class JsonReport
{
    /// <summary>Indented camelCase, as every report file of the benchmark is written.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static string Render(ComparisonReport report) => JsonSerializer.Serialize(new
    {
        report.Date,
        report.Machine,
        report.Command,
        Settings = new
        {
            report.Settings.Sessions,
            report.Settings.InFlight,
            report.Settings.ValueSize,
            DurationSeconds = report.Settings.Duration.TotalSeconds,
            WarmupSeconds = report.Settings.Warmup.TotalSeconds,
            report.Settings.Watchers,
        },
        Ratios = report.Shapes.SelectMany(shape => report.Workloads(shape).Select(w => new
        {
            Shape = shape,
            Workload = w,
            Throughput = report.ThroughputRatio(shape, w),
            P99 = report.P99Ratio(shape, w),
            Memory = report.MemoryRatio(shape, w),
        })),
        report.Servers,
    }, Options);
}
