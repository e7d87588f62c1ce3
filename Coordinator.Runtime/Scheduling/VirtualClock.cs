namespace Coordinator.Runtime.Scheduling;

/// <summary>
/// Time that moves only when a test calls <see cref="Advance"/>. Due timers fire on the advancing thread,
/// in due-time order (ties in creation order), each seeing <see cref="Elapsed"/> at its own due time.
/// Timers started by a firing callback fire in the same Advance if they fall due within it.
/// </summary>
public sealed class VirtualClock(DateTimeOffset start) : IClock
{
    private readonly object _gate = new();
    private readonly PriorityQueue<PendingTimer, (TimeSpan Due, long Sequence)> _timers = new();
    private TimeSpan _elapsed;
    private long _sequence;

    public VirtualClock() : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)) { }

    public DateTimeOffset UtcNow => start + Elapsed;

    public TimeSpan Elapsed
    {
        get { lock (_gate) return _elapsed; }
    }

    /// <summary>Timers not yet fired or cancelled.</summary>
    public int PendingTimers
    {
        get { lock (_gate) return _timers.UnorderedItems.Count(t => !t.Element.Cancelled); }
    }

    public IDisposable StartTimer(TimeSpan delay, Action callback)
    {
        var timer = new PendingTimer(callback);
        lock (_gate)
        {
            var due = _elapsed + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
            _timers.Enqueue(timer, (due, _sequence++));
        }
        return timer;
    }

    /// <summary>Moves time forward by <paramref name="by"/>, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        TimeSpan target;
        lock (_gate) target = _elapsed + by;

        while (TryTakeDue(target, out var timer))
        {
            // Outside the lock: callbacks may start new timers.
            if (!timer.Cancelled) timer.Callback();
        }
        lock (_gate) _elapsed = target;
    }

    private bool TryTakeDue(TimeSpan target, out PendingTimer timer)
    {
        lock (_gate)
        {
            if (_timers.TryPeek(out timer!, out var key) && key.Due <= target)
            {
                _timers.Dequeue();
                if (key.Due > _elapsed) _elapsed = key.Due;
                return true;
            }
            return false;
        }
    }

    private sealed class PendingTimer(Action callback) : IDisposable
    {
        private volatile bool _cancelled;

        public Action Callback => callback;

        public bool Cancelled => _cancelled;

        public void Dispose() => _cancelled = true;
    }
}
