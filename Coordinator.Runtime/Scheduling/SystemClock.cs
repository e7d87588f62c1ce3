using System.Collections.Concurrent;
using System.Diagnostics;

namespace Coordinator.Runtime.Scheduling;

/// <summary>Real time: <see cref="DateTimeOffset.UtcNow"/>, a <see cref="Stopwatch"/>, and thread-pool timers.</summary>
public sealed class SystemClock : IClock
{
    public static readonly SystemClock Instance = new();

    private readonly long _origin = Stopwatch.GetTimestamp();

    // A System.Threading.Timer nobody references can be collected before it fires; pending ones live here.
    private readonly ConcurrentDictionary<PendingTimer, byte> _pending = new();

    private SystemClock() { }

    public DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_origin);

    public IDisposable StartTimer(TimeSpan delay, Action callback)
    {
        var pending = new PendingTimer(this, callback);
        _pending[pending] = 0;
        pending.Start(delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
        return pending;
    }

    private sealed class PendingTimer(SystemClock owner, Action callback) : IDisposable
    {
        private Timer? _timer;

        public void Start(TimeSpan delay) => _timer = new Timer(_ => Fire(), null, delay, Timeout.InfiniteTimeSpan);

        private void Fire()
        {
            if (!owner._pending.TryRemove(this, out _)) return;
            _timer?.Dispose();
            callback();
        }

        public void Dispose()
        {
            owner._pending.TryRemove(this, out _);
            _timer?.Dispose();
        }
    }
}
