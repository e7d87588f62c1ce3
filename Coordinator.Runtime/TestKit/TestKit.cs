using System.Diagnostics;
using Coordinator.Runtime.Actors;
using Coordinator.Runtime.Scheduling;

namespace Coordinator.Runtime.TestKit;

/// <summary>
/// Owns an actor system for one test (xunit creates one per test; Dispose terminates it) and offers the
/// timing assertions. With <c>virtualTime</c> the system runs on a <see cref="VirtualClock"/>: timers,
/// scheduled sends and Ask timeouts fire only when the test calls <see cref="Advance"/>.
/// Expectation waits are real time, scaled by <see cref="TimeFactor"/>.
/// </summary>
public class TestKit : IDisposable
{
    private static readonly TimeSpan BaseDefaultTimeout = TimeSpan.FromSeconds(3);
    private readonly VirtualClock? _virtualClock;
    private long? _withinDeadline;
    private int _nextProbe;

    public TestKit(ActorSystemSettings? settings = null, bool virtualTime = false, string systemName = "test")
    {
        settings ??= ActorSystemSettings.Default;
        if (virtualTime)
        {
            _virtualClock = new VirtualClock();
            settings = settings with { Clock = _virtualClock };
        }
        Sys = ActorSystem.Create(systemName, settings);
    }

    public ActorSystem Sys { get; }

    /// <summary>The virtual clock; only when constructed with <c>virtualTime: true</c>.</summary>
    public VirtualClock Clock => _virtualClock ?? throw new InvalidOperationException("This TestKit runs on real time; pass virtualTime: true.");

    public TimeSpan DefaultTimeout => Dilated(BaseDefaultTimeout);

    /// <summary>Time left in the innermost <see cref="Within(TimeSpan, Action)"/> block, or the default timeout outside one.</summary>
    public TimeSpan RemainingOrDefault => Remaining ?? DefaultTimeout;

    private TimeSpan? Remaining => _withinDeadline is { } deadline
        ? Max(TimeSpan.Zero, Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline))
        : null;

    public static TimeSpan Dilated(TimeSpan duration) => TimeFactor.Dilate(duration);

    /// <summary>Moves the virtual clock, firing due timers on this thread.</summary>
    public void Advance(TimeSpan by) => Clock.Advance(by);

    public TestProbe CreateTestProbe(string? name = null) =>
        new(this, Sys, name ?? "probe-" + Interlocked.Increment(ref _nextProbe));

    /// <summary>Runs <paramref name="action"/>; its expectations share the (dilated) <paramref name="max"/> budget, and taking longer fails.</summary>
    public void Within(TimeSpan max, Action action) => Within(TimeSpan.Zero, max, action);

    /// <summary>As <see cref="Within(TimeSpan, Action)"/>, and also fails if the block finishes before <paramref name="min"/>.</summary>
    public void Within(TimeSpan min, TimeSpan max, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var dilatedMax = Dilated(max);
        var started = Stopwatch.GetTimestamp();
        var outer = _withinDeadline;
        var deadline = started + (long)(dilatedMax.TotalSeconds * Stopwatch.Frequency);
        _withinDeadline = outer is { } o && o < deadline ? o : deadline;
        try
        {
            action();
        }
        finally
        {
            _withinDeadline = outer;
        }
        var took = Stopwatch.GetElapsedTime(started);
        if (took > dilatedMax)
            throw new TestKitAssertionException($"Within block took {took.TotalMilliseconds:0} ms, more than the allowed {dilatedMax.TotalMilliseconds:0} ms.");
        if (took < min)
            throw new TestKitAssertionException($"Within block took {took.TotalMilliseconds:0} ms, less than the required {min.TotalMilliseconds:0} ms.");
    }

    /// <summary>Retries <paramref name="assertion"/> every <paramref name="interval"/> until it stops throwing, or rethrows its last failure.</summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var started = Stopwatch.GetTimestamp();
        var budget = Budget(duration);
        var pause = interval ?? TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (Stopwatch.GetElapsedTime(started) < budget)
            {
                Thread.Sleep(pause);
            }
            catch (Exception ex)
            {
                throw new TestKitAssertionException($"Assertion still failing after {budget.TotalMilliseconds:0} ms: {ex.Message}", ex);
            }
        }
    }

    /// <summary>Polls <paramref name="condition"/> every <paramref name="interval"/> until true; fails after <paramref name="duration"/>.</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? duration = null, TimeSpan? interval = null, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var started = Stopwatch.GetTimestamp();
        var budget = Budget(duration);
        var pause = interval ?? TimeSpan.FromMilliseconds(50);
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) >= budget)
                throw new TestKitAssertionException($"Condition not met within {budget.TotalMilliseconds:0} ms{(message is null ? "" : ": " + message)}.");
            Thread.Sleep(pause);
        }
    }

    /// <summary>The wait for an expectation: the explicit timeout (dilated) capped by any enclosing Within.</summary>
    internal TimeSpan Budget(TimeSpan? timeout)
    {
        if (timeout is null) return RemainingOrDefault;
        var dilated = Dilated(timeout.Value);
        return Remaining is { } remaining && remaining < dilated ? remaining : dilated;
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing) return;
        if (!Sys.Terminate().Wait(Dilated(TimeSpan.FromSeconds(10))))
            throw new TestKitAssertionException($"Actor system {Sys.Name} did not terminate within {Dilated(TimeSpan.FromSeconds(10)).TotalSeconds:0} s.");
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
