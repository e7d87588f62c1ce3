using System.Globalization;

namespace Coordinator.Bench.Servers;

/// <summary>Resident set size from <c>/proc/&lt;pid&gt;/status</c> (VmRSS), in bytes; null once the process is gone.</summary>
public static class ResidentMemory
{
    public static long? Read(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
                var kib = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

/// <summary>Peak and mean resident memory of a set of processes (summed), sampled in the background while a workload runs.</summary>
public sealed class ResidentMemorySampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly IReadOnlyList<int> _pids;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peak;
    private long _sum;
    private long _samples;

    private ResidentMemorySampler(IReadOnlyList<int> pids)
    {
        _pids = pids;
        _loop = Task.Run(SampleAsync);
    }

    public static ResidentMemorySampler Start(IReadOnlyList<int> pids) => new(pids);

    /// <summary>Stops sampling and returns what was seen (one last sample included).</summary>
    public async Task<MemorySummary> StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        Sample();
        return new MemorySummary(_peak, _samples == 0 ? 0 : _sum / _samples);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
            await StopAsync();
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do Sample();
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // Stopped: the summary is complete.
        }
    }

    private void Sample()
    {
        long total = 0;
        foreach (var pid in _pids)
            total += ResidentMemory.Read(pid) ?? 0;
        if (total == 0) return;
        _peak = Math.Max(_peak, total);
        _sum += total;
        _samples++;
    }
}

/// <summary>Resident memory of the server side during one workload.</summary>
public sealed record MemorySummary(long PeakBytes, long MeanBytes);
