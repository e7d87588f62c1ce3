using Coordinator.Bench.Load;
using Coordinator.Bench.Servers;

namespace Coordinator.Bench.Compare;

/// <summary>Everything one workload run against one server produced; what the JSON report holds per row.</summary>
/// <param name="StealPercent">The machine's CPU steal during the run (see <see cref="CpuTimes"/>), 0 on bare metal.</param>
public sealed record WorkloadFigures(
    string Workload,
    string Description,
    long Operations,
    double Seconds,
    double OpsPerSecond,
    LatencyFigures Latency,
    long Errors,
    IReadOnlyDictionary<string, long> ErrorKinds,
    double RssPeakMiB,
    double RssMeanMiB,
    double StealPercent)
{
    /// <summary>2 when the first run had more CPU steal than <c>--max-steal</c> and these are the figures of a second one.</summary>
    public int Attempts { get; init; } = 1;

    public static WorkloadFigures From(string workload, string description, Measurement measurement, MemorySummary memory,
        double stealPercent) => new(
        workload,
        description,
        measurement.Operations,
        measurement.Elapsed.TotalSeconds,
        measurement.Elapsed > TimeSpan.Zero ? measurement.Operations / measurement.Elapsed.TotalSeconds : 0,
        LatencyFigures.From(measurement.Latency),
        measurement.ErrorCount,
        new SortedDictionary<string, long>(measurement.Errors.ToDictionary()),
        MiB(memory.PeakBytes),
        MiB(memory.MeanBytes),
        stealPercent);

    /// <summary>A run that could not even set up (server or setup failure): one error, no operations.</summary>
    public static WorkloadFigures Failed(string workload, string description, Exception error, MemorySummary memory,
        double stealPercent)
    {
        var measurement = new Measurement();
        measurement.RecordError(error);
        return From(workload, description, measurement, memory, stealPercent);
    }

    private static double MiB(long bytes) => Math.Round(bytes / 1048576.0, 1);
}

/// <summary>Latency percentiles in milliseconds, plus the whole curve for the HTML chart.</summary>
public sealed record LatencyFigures(double MeanMs, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs,
    IReadOnlyList<PercentilePoint> Distribution)
{
    /// <summary>The percentiles the distribution curve is drawn through.</summary>
    public static readonly double[] CurvePercentiles = [0, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100];

    public static LatencyFigures From(LatencyHistogram histogram) => new(
        Ms(histogram.Mean),
        Ms(histogram.ValueAtPercentile(50)),
        Ms(histogram.ValueAtPercentile(90)),
        Ms(histogram.ValueAtPercentile(99)),
        Ms(histogram.ValueAtPercentile(99.9)),
        Ms(histogram.Max),
        CurvePercentiles.Select(p => new PercentilePoint(p, Ms(histogram.ValueAtPercentile(p)))).ToArray());

    private static double Ms(double nanoseconds) => Math.Round(nanoseconds / 1e6, 4);
}

public sealed record PercentilePoint(double Percentile, double Ms);

/// <summary>One server in one shape and its figures per workload.</summary>
public sealed record ServerFigures(string Server, string Shape, IReadOnlyList<WorkloadFigures> Workloads);

/// <summary>The machine the run happened on, as the report states it.</summary>
public sealed record MachineInfo(string Cpu, int Cores, double MemoryGiB, string OperatingSystem, string Runtime)
{
    public static MachineInfo Current() => new(
        ProcFileValue("/proc/cpuinfo", "model name") ?? "unknown",
        Environment.ProcessorCount,
        Math.Round(long.Parse((ProcFileValue("/proc/meminfo", "MemTotal") ?? "0 kB").Split(' ')[0]) / 1048576.0, 1),
        ProcFileValue("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);

    private static string? ProcFileValue(string file, string key, char separator = ':')
    {
        if (!File.Exists(file)) return null;
        return File.ReadLines(file)
            .Select(l => l.Split(separator, 2))
            .Where(p => p.Length == 2 && p[0].Trim() == key)
            .Select(p => p[1].Trim())
            .FirstOrDefault();
    }
}

/// <summary>
/// A whole comparison: what ran, where, with which knobs, and every figure. Ratios pair the two servers
/// within one shape (standalone with standalone, ensemble with ensemble).
/// </summary>
public sealed record ComparisonReport(DateTimeOffset Date, MachineInfo Machine, string Command, LoadSettings Settings,
    IReadOnlyList<ServerFigures> Servers)
{
    public const string Ours = "Coordinator";
    public const string Reference = "ZooKeeper";

    /// <summary>The shapes that ran, in the order they ran.</summary>
    public IReadOnlyList<string> Shapes => Servers.Select(s => s.Shape).Distinct().ToArray();

    /// <summary>The servers that ran in <paramref name="shape"/>.</summary>
    public IReadOnlyList<ServerFigures> In(string shape) => Servers.Where(s => s.Shape == shape).ToArray();

    /// <summary>The workloads that ran in <paramref name="shape"/>, in the order they ran.</summary>
    public IReadOnlyList<string> Workloads(string shape) =>
        In(shape).SelectMany(s => s.Workloads).Select(w => w.Workload).Distinct().ToArray();

    /// <summary>The figures of <paramref name="server"/> in <paramref name="shape"/> for <paramref name="workload"/>, if it ran.</summary>
    public WorkloadFigures? Find(string server, string shape, string workload) =>
        In(shape).Where(s => s.Server == server).SelectMany(s => s.Workloads).FirstOrDefault(w => w.Workload == workload);

    /// <summary>This project ÷ ZooKeeper in ops/s, or null unless both ran the workload with operations.</summary>
    public double? ThroughputRatio(string shape, string workload) => Ratio(shape, workload, f => f.OpsPerSecond);

    /// <summary>This project ÷ ZooKeeper in p99 latency (below 1 is better for us).</summary>
    public double? P99Ratio(string shape, string workload) => Ratio(shape, workload, f => f.Latency.P99Ms);

    /// <summary>This project ÷ ZooKeeper in peak resident memory (summed over members, so also per member; below 1 is better for us).</summary>
    public double? MemoryRatio(string shape, string workload) => Ratio(shape, workload, f => f.RssPeakMiB);

    /// <summary>True when a ratio is at parity or better for this project.</summary>
    public static bool FavoursOurs(double ratio, bool higherIsBetter) => higherIsBetter ? ratio >= 1 : ratio <= 1;

    private double? Ratio(string shape, string workload, Func<WorkloadFigures, double> figure) =>
        Find(Ours, shape, workload) is { Operations: > 0 } ours && figure(ours) > 0
        && Find(Reference, shape, workload) is { Operations: > 0 } reference && figure(reference) > 0
            ? figure(ours) / figure(reference)
            : null;
}
