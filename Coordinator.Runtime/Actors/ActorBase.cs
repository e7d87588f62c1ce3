using Coordinator.Runtime.Scheduling;

namespace Coordinator.Runtime.Actors;

/// <summary>
/// Base class for actors. Register handlers with <c>Receive</c> in the constructor; the first handler whose
/// type (and predicate) matches a message handles it. Messages nobody handles go to <see cref="Unhandled"/>.
/// Instances are created only through <see cref="Props"/> by the kernel.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;
    private readonly Stack<Behavior> _behaviors = new();
    private Behavior? _configuring;

    protected ActorBase()
    {
        _cell = ActorCell.Current ?? throw new InvalidOperationException(
            $"{GetType().Name} must be created by the kernel through ActorOf(Props), not with new.");
        _configuring = new Behavior();
        _behaviors.Push(_configuring);
    }

    protected IActorRef Self => _cell.Self;

    /// <summary>The sender of the message being processed (dead letters when there is none).</summary>
    protected IActorRef Sender => _cell.Sender;

    protected IActorContext Context => _cell;

    protected ITimerScheduler Timers => _cell.Timers;

    /// <summary>The bounded stash; the actor must implement <see cref="IWithStash"/>.</summary>
    protected IStash Stash => _cell.Stash;

    protected void Receive<T>(Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Configuring().Add(message =>
        {
            if (message is not T typed) return false;
            handler(typed);
            return true;
        });
    }

    protected void Receive<T>(Func<T, bool> predicate, Action<T> handler)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(handler);
        Configuring().Add(message =>
        {
            if (message is not T typed || !predicate(typed)) return false;
            handler(typed);
            return true;
        });
    }

    protected void ReceiveAny(Action<object> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Configuring().Add(message =>
        {
            handler(message);
            return true;
        });
    }

    /// <inheritdoc cref="IActorContext.Become"/>
    protected void Become(Action configure, bool discardOld = false)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var behavior = new Behavior();
        var previous = _configuring;
        _configuring = behavior;
        try
        {
            configure();
        }
        finally
        {
            _configuring = previous;
        }
        if (discardOld && _behaviors.Count > 1) _behaviors.Pop();
        _behaviors.Push(behavior);
    }

    /// <inheritdoc cref="IActorContext.Unbecome"/>
    protected void Unbecome()
    {
        if (_behaviors.Count > 1) _behaviors.Pop();
    }

    /// <summary>Called for messages no handler matched; publishes an <see cref="UnhandledMessage"/>.</summary>
    protected virtual void Unhandled(object message) => _cell.PublishUnhandled(message);

    /// <summary>Called on the actor's thread before the first message.</summary>
    protected virtual void PreStart() { }

    /// <summary>Called once when the actor has stopped, after all its children have stopped.</summary>
    protected virtual void PostStop() { }

    /// <summary>Called on the failing instance before it is replaced. Default: <see cref="PostStop"/>.</summary>
    protected virtual void PreRestart(Exception reason, object? message) => PostStop();

    /// <summary>Called on the fresh instance after a restart. Default: <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>How this actor supervises its children; null means the system default (restart).</summary>
    protected virtual SupervisorStrategy? SupervisorStrategy() => null;

    internal void EndConstruction() => _configuring = null;

    internal bool TryReceive(object message) => _behaviors.Peek().TryHandle(message);

    internal void HandleUnhandled(object message) => Unhandled(message);

    internal void InvokePreStart() => PreStart();

    internal void InvokePostStop() => PostStop();

    internal void InvokePreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void InvokePostRestart(Exception reason) => PostRestart(reason);

    internal SupervisorStrategy? DeclaredStrategy() => SupervisorStrategy();

    internal void BecomeFromContext(Action configure, bool discardOld) => Become(configure, discardOld);

    internal void UnbecomeFromContext() => Unbecome();

    private Behavior Configuring() => _configuring ?? throw new InvalidOperationException(
        "Receive handlers can only be registered in the constructor or inside a Become(configure) callback.");

    private sealed class Behavior
    {
        private readonly List<Func<object, bool>> _handlers = new();

        public void Add(Func<object, bool> handler) => _handlers.Add(handler);

        public bool TryHandle(object message)
        {
            foreach (var handler in _handlers)
            {
                if (handler(message)) return true;
            }
            return false;
        }
    }
}
