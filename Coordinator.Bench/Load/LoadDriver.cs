using System.Diagnostics;

namespace Coordinator.Bench.Load;

/// <summary>One operation of a workload, issued by worker <c>worker</c> as its <c>sequence</c>-th.</summary>
public delegate Task Operation(int worker, long sequence);

/// <summary>
/// An operation that times itself because its latency is only part of it (a lock acquisition, not the
/// release that follows): returns the time to record.
/// </summary>
public delegate Task<TimeSpan> SelfTimedOperation(int worker, long sequence);

/// <summary>
/// Closed-loop load: <c>workerCount</c> workers that each issue the next operation as soon as the
/// previous one completes (request workloads give every session <see cref="LoadSettings.InFlight"/>
/// workers, so that many requests are pipelined on each connection). Runs the warm-up, then records
/// for the duration; failures are counted and the worker carries on.
/// </summary>
public static class LoadDriver
{
    public static Task<Measurement> RunAsync(int workerCount, LoadSettings settings, Operation operation,
        IProgress<double>? progress = null) =>
        RunAsync(workerCount, settings, operation, null, progress);

    public static Task<Measurement> RunAsync(int workerCount, LoadSettings settings, SelfTimedOperation operation,
        IProgress<double>? progress = null) =>
        RunAsync(workerCount, settings, null, operation, progress);

    // Exactly one of the two operations is given; the plain one is timed here without wrapping it in another async call.
    private static async Task<Measurement> RunAsync(int workerCount, LoadSettings settings, Operation? operation,
        SelfTimedOperation? selfTimed, IProgress<double>? progress)
    {
        var measurement = new Measurement();
        var start = Stopwatch.GetTimestamp();
        var recordFrom = start + Ticks(settings.Warmup);
        var stopAt = recordFrom + Ticks(settings.Duration);
        var workers = new List<Task>();
        for (var worker = 0; worker < workerCount; worker++)
            workers.Add(WorkAsync(worker, recordFrom, stopAt, operation, selfTimed, measurement));

        using var reporting = new CancellationTokenSource();
        var reporter = ReportProgressAsync(start, stopAt, progress, reporting.Token);
        await Task.WhenAll(workers);
        await reporting.CancelAsync();
        await reporter;
        measurement.Elapsed = Stopwatch.GetElapsedTime(recordFrom);
        return measurement;
    }

    private static async Task WorkAsync(int worker, long recordFrom, long stopAt,
        Operation? operation, SelfTimedOperation? selfTimed, Measurement measurement)
    {
        await Task.Yield(); // let every worker start before any runs its loop inline
        var latency = new LatencyHistogram();
        long sequence = 0;
        while (true)
        {
            var issued = Stopwatch.GetTimestamp();
            if (issued >= stopAt) break;
            try
            {
                long took;
                if (selfTimed is null)
                {
                    await operation!(worker, sequence++);
                    took = Stopwatch.GetTimestamp() - issued;
                }
                else
                {
                    took = Ticks(await selfTimed(worker, sequence++));
                }

                if (issued >= recordFrom)
                    latency.Record(Nanoseconds(took));
            }
            catch (Exception e)
            {
                measurement.RecordError(e);
            }
        }
        measurement.Add(latency);
    }

    internal static async Task ReportProgressAsync(long start, long stopAt, IProgress<double>? progress, CancellationToken stop)
    {
        if (progress is null) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
                progress.Report(Math.Min(1, (double)(Stopwatch.GetTimestamp() - start) / (stopAt - start)));
        }
        catch (OperationCanceledException)
        {
            // Load finished.
        }
    }

    public static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    public static long Nanoseconds(long stopwatchTicks) => (long)(stopwatchTicks * (1e9 / Stopwatch.Frequency));
}
