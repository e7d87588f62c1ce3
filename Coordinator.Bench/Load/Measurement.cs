using System.Collections.Concurrent;

namespace Coordinator.Bench.Load;

/// <summary>
/// What one workload run recorded: operations completed inside the measured window, their latencies,
/// and every failure by kind (counted, never dropped).
/// </summary>
public sealed class Measurement
{
    private readonly ConcurrentDictionary<string, long> _errors = new();

    public LatencyHistogram Latency { get; } = new();

    public long Operations => Latency.Count;

    public TimeSpan Elapsed { get; set; }

    public long ErrorCount => _errors.Values.Sum();

    /// <summary>Failures by exception type and message, e.g. "ConnectionLossException: ...".</summary>
    public IReadOnlyDictionary<string, long> Errors => _errors;

    public void RecordError(Exception error)
    {
        var message = error.Message.Length > 160 ? error.Message[..160] : error.Message;
        RecordError($"{error.GetType().Name}: {message}", 1);
    }

    public void RecordError(string kind, long count) => _errors.AddOrUpdate(kind, count, (_, n) => n + count);

    /// <summary>Merges a worker's latencies (call once per worker, after it stopped).</summary>
    public void Add(LatencyHistogram worker)
    {
        lock (Latency)
            Latency.Add(worker);
    }
}
