namespace Coordinator.Runtime.Actors;

/// <summary>What a parent does with a child that threw while processing a message.</summary>
public enum Directive
{
    /// <summary>Keep the instance and its state; drop the failing message.</summary>
    Resume,

    /// <summary>Replace the instance with a fresh one from Props; drop the failing message; keep the mailbox.</summary>
    Restart,

    /// <summary>Stop the child.</summary>
    Stop,

    /// <summary>Fail the parent itself with the same exception.</summary>
    Escalate,
}

/// <summary>Decides per exception; applies to the failing child only (one-for-one).</summary>
public abstract class SupervisorStrategy
{
    /// <summary>Restarts allowed within <see cref="RestartWindow"/>; the next failure in the window stops the child.</summary>
    public abstract int MaxRestarts { get; }

    public abstract TimeSpan RestartWindow { get; }

    public abstract Directive Decide(Exception cause);
}

/// <summary>One-for-one supervision with a restart-rate limit.</summary>
public sealed class OneForOneStrategy(int maxRestarts, TimeSpan restartWindow, Func<Exception, Directive> decider) : SupervisorStrategy
{
    public OneForOneStrategy(Func<Exception, Directive> decider) : this(10, TimeSpan.FromMinutes(1), decider) { }

    public override int MaxRestarts { get; } = maxRestarts;

    public override TimeSpan RestartWindow { get; } = restartWindow;

    public override Directive Decide(Exception cause) => decider(cause);
}

/// <summary>Per-child restart bookkeeping kept by the parent.</summary>
internal sealed class RestartBudget
{
    private TimeSpan _windowStart;
    private int _restartsInWindow;

    /// <summary>Counts one more restart at <paramref name="now"/>; false when the limit would be exceeded.</summary>
    public bool TryConsume(TimeSpan now, int maxRestarts, TimeSpan window)
    {
        if (_restartsInWindow == 0 || now - _windowStart > window)
        {
            _windowStart = now;
            _restartsInWindow = 0;
        }
        if (_restartsInWindow >= maxRestarts) return false;
        _restartsInWindow++;
        return true;
    }
}
