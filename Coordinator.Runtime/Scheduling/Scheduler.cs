using Coordinator.Runtime.Actors;

namespace Coordinator.Runtime.Scheduling;

/// <summary>A scheduled action that can be called off.</summary>
public interface ICancelable
{
    bool IsCancelled { get; }

    /// <summary>Stops future firings; a message already delivered stays delivered.</summary>
    void Cancel();
}

/// <summary>Delayed and periodic sends, driven by the actor system's <see cref="IClock"/>.</summary>
public interface IScheduler
{
    ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender);

    ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender);

    ICancelable ScheduleOnce(TimeSpan delay, Action action);
}

/// <summary>Scheduler on top of an <see cref="IClock"/>: on a VirtualClock nothing fires until the test advances it.</summary>
public sealed class ClockScheduler(IClock clock) : IScheduler
{
    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender) =>
        ScheduleOnce(delay, () => ActorRefs.Post(receiver, message, sender));

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        var repeating = new Repeating(clock, interval, () => ActorRefs.Post(receiver, message, sender));
        repeating.Arm(initialDelay);
        return repeating;
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        var once = new Once(action);
        once.Timer = clock.StartTimer(delay, once.Fire);
        return once;
    }

    private sealed class Once(Action action) : ICancelable
    {
        private volatile bool _cancelled;

        public IDisposable? Timer { get; set; }

        public bool IsCancelled => _cancelled;

        public void Fire()
        {
            if (!_cancelled) action();
        }

        public void Cancel()
        {
            _cancelled = true;
            Timer?.Dispose();
        }
    }

    /// <summary>Re-arms itself after each firing, so cancelling between firings leaves no timer behind.</summary>
    private sealed class Repeating(IClock clock, TimeSpan interval, Action action) : ICancelable
    {
        private readonly object _gate = new();
        private IDisposable? _timer;
        private bool _cancelled;

        public bool IsCancelled
        {
            get { lock (_gate) return _cancelled; }
        }

        public void Arm(TimeSpan delay)
        {
            lock (_gate)
            {
                if (!_cancelled) _timer = clock.StartTimer(delay, Fire);
            }
        }

        private void Fire()
        {
            if (IsCancelled) return;
            action();
            Arm(interval);
        }

        public void Cancel()
        {
            lock (_gate)
            {
                _cancelled = true;
                _timer?.Dispose();
            }
        }
    }
}
