using System.Diagnostics;
using Coordinator.Bench.Load;
using Coordinator.Client.Api;

namespace Coordinator.Bench.Workloads;

/// <summary>
/// <see cref="LoadSettings.Watchers"/> sessions each set a data watch on one node, then one setData
/// fires them all; a round's latencies are the times from sending the setData until each session got
/// its notification (the largest is "time until all are notified"). Rounds repeat for the duration;
/// one operation is one notification delivered.
/// </summary>
public sealed class WatchFanOutWorkload : IWorkload
{
    private const string Node = "/bench-fan-out";
    private static readonly TimeSpan NotificationDeadline = TimeSpan.FromSeconds(30);

    public string Name => "watch-fan-out";

    public string Description => "sessions watch one node; one setData; time until each is notified";

    public async Task<Measurement> RunAsync(WorkloadContext context)
    {
        var settings = context.Settings;
        var measurement = new Measurement();
        await using var writer = await context.ConnectAsync();
        await writer.CreateAsync(Node, new byte[settings.ValueSize]);
        var watchers = await context.ConnectManyAsync(settings.Watchers);
        try
        {
            var start = Stopwatch.GetTimestamp();
            var recordFrom = start + LoadDriver.Ticks(settings.Warmup);
            var stopAt = recordFrom + LoadDriver.Ticks(settings.Duration);
            using var reporting = new CancellationTokenSource();
            var reporter = LoadDriver.ReportProgressAsync(start, stopAt, context.Progress, reporting.Token);
            long recordedRoundsStart = 0;
            var roundStart = Stopwatch.GetTimestamp();
            // At least one recorded round, however short the duration.
            while (roundStart < stopAt || recordedRoundsStart == 0)
            {
                var recorded = roundStart >= recordFrom;
                if (recorded && recordedRoundsStart == 0)
                    recordedRoundsStart = roundStart;
                await RoundAsync(writer, watchers, settings.ValueSize, recorded ? measurement.Latency : new LatencyHistogram(), measurement);
                roundStart = Stopwatch.GetTimestamp();
            }
            measurement.Elapsed = Stopwatch.GetElapsedTime(recordedRoundsStart);
            await reporting.CancelAsync();
            await reporter;
            return measurement;
        }
        finally
        {
            await WorkloadContext.CloseAllAsync(watchers);
        }
    }

    private static async Task RoundAsync(CoordinatorClient writer, CoordinatorClient[] watchers, int valueSize,
        LatencyHistogram latency, Measurement measurement)
    {
        var notifiedAt = new long[watchers.Length];
        var pending = watchers.Length;
        var allNotified = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        void Done()
        {
            if (Interlocked.Decrement(ref pending) == 0)
                allNotified.TrySetResult();
        }

        await Task.WhenAll(watchers.Select(async (watcher, i) =>
        {
            try
            {
                await watcher.GetDataAsync(Node, _ =>
                {
                    notifiedAt[i] = Stopwatch.GetTimestamp();
                    Done();
                });
            }
            catch (Exception e)
            {
                measurement.RecordError(e);
                Done(); // no watch set: nothing to wait for
            }
        }));

        var sentAt = Stopwatch.GetTimestamp();
        try
        {
            await writer.SetDataAsync(Node, new byte[valueSize]);
            await allNotified.Task.WaitAsync(NotificationDeadline);
        }
        catch (TimeoutException)
        {
            measurement.RecordError($"watch not delivered within {NotificationDeadline.TotalSeconds:0} s", Volatile.Read(ref pending));
        }
        catch (Exception e)
        {
            measurement.RecordError(e);
        }

        foreach (var at in notifiedAt)
            if (at != 0)
                latency.Record(LoadDriver.Nanoseconds(at - sentAt));
    }
}
