using Coordinator.Runtime.Actors;

namespace Coordinator.Runtime.Scheduling;

/// <summary>
/// An actor's keyed timers. Starting a timer under a key that is already in use replaces it, and the
/// replaced timer's message is never received, even if it had already fired into the mailbox.
/// All timers are cancelled when the actor stops or restarts. Use only from inside the actor.
/// </summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan delay);

    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    bool IsTimerActive(object key);

    void Cancel(object key);

    void CancelAll();
}

/// <summary>What a keyed timer actually sends; the generation tells a live timer from a replaced one.</summary>
internal sealed record TimerFired(object Key, long Generation, object Message);

internal sealed class TimerScheduler(IScheduler scheduler, IActorRef self) : ITimerScheduler
{
    private readonly Dictionary<object, ActiveTimer> _timers = new();
    private long _generation;

    public void StartSingleTimer(object key, object message, TimeSpan delay) =>
        Start(key, message, periodic: false, fired => scheduler.ScheduleTellOnce(delay, self, fired, null));

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) =>
        StartPeriodicTimer(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) =>
        Start(key, message, periodic: true, fired => scheduler.ScheduleTellRepeatedly(initialDelay, interval, self, fired, null));

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var timer)) timer.Handle.Cancel();
    }

    public void CancelAll()
    {
        foreach (var timer in _timers.Values) timer.Handle.Cancel();
        _timers.Clear();
    }

    /// <summary>The message to deliver for <paramref name="fired"/>, or null if its timer was replaced or cancelled.</summary>
    internal object? Accept(TimerFired fired)
    {
        if (!_timers.TryGetValue(fired.Key, out var timer) || timer.Generation != fired.Generation) return null;
        if (!timer.Periodic) _timers.Remove(fired.Key);
        return fired.Message;
    }

    private void Start(object key, object message, bool periodic, Func<TimerFired, ICancelable> schedule)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var generation = ++_generation;
        _timers[key] = new ActiveTimer(generation, periodic, schedule(new TimerFired(key, generation, message)));
    }

    private sealed record ActiveTimer(long Generation, bool Periodic, ICancelable Handle);
}
