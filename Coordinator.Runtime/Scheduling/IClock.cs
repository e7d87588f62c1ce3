namespace Coordinator.Runtime.Scheduling;

/// <summary>
/// The one source of time for an actor system: wall time, a monotonic measure, and one-shot timers.
/// Production uses <see cref="SystemClock"/>; tests use <see cref="VirtualClock"/> and move time by hand.
/// </summary>
public interface IClock
{
    /// <summary>Wall-clock time; may jump (NTP). Use for timestamps, never for measuring intervals.</summary>
    DateTimeOffset UtcNow { get; }

    /// <summary>Monotonic time since the clock was created; use for deadlines and rate windows.</summary>
    TimeSpan Elapsed { get; }

    /// <summary>Calls <paramref name="callback"/> once after <paramref name="delay"/>; disposing the result cancels it.</summary>
    IDisposable StartTimer(TimeSpan delay, Action callback);
}
