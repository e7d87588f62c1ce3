using Microsoft.Extensions.Logging;

namespace Coordinator.Runtime.Actors;

// Creation, children, restart and termination. A cell stops (or restarts) only after all its children
// have stopped, which is what makes a child's PostStop run before its parent's.
internal sealed partial class ActorCell
{
    private enum State
    {
        Created,
        Running,
        Restarting,
        Terminating,
        Terminated,
    }

    private readonly object _childrenGate = new();
    private readonly Dictionary<string, ActorCell> _children = new(StringComparer.Ordinal);
    private long _nextChildId;
    private volatile State _state = State.Created;
    private Exception? _restartCause;

    /// <summary>Runs after this cell has fully terminated (used by the system to sequence shutdown).</summary>
    internal Action? OnTerminated { get; set; }

    public IEnumerable<IActorRef> Children
    {
        get
        {
            lock (_childrenGate) return _children.Values.ToArray();
        }
    }

    public IActorRef ActorOf(Props props, string? name = null) => CreateChild(props, name, isGuardian: false);

    internal ActorCell CreateChild(Props props, string? name, bool isGuardian)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is not null) ValidateChildName(name);
        ActorCell child;
        lock (_childrenGate)
        {
            if (_state is State.Terminating or State.Terminated)
                throw new InvalidOperationException($"Cannot create a child of {Path}: it is stopping.");
            name ??= "$" + (++_nextChildId).ToString("x", global::System.Globalization.CultureInfo.InvariantCulture);
            if (_children.ContainsKey(name))
                throw new InvalidActorNameException($"An actor named '{name}' already exists under {Path}.");
            child = new ActorCell(System, props, this, Path.Child(name), isGuardian);
            _children.Add(name, child);
        }
        child.SendSystem(CreateActor.Instance);
        return child;
    }

    private static void ValidateChildName(string name)
    {
        if (name.Length == 0 || name.Contains('/') || name.StartsWith('$'))
            throw new InvalidActorNameException($"Actor name '{name}' is invalid: it must be non-empty, contain no '/' and not start with '$'.");
    }

    public void Stop(IActorRef actor) => AsInternal(actor).SendSystem(StopActor.Instance);

    private void Start()
    {
        if (_state != State.Created) return;
        _state = State.Running;
        try
        {
            _actor = NewInstance();
            _actor.InvokePreStart();
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(ex, null);
        }
    }

    private void BeginRestart(Exception cause, object? failedMessage)
    {
        if (_state is State.Terminating or State.Terminated) return;
        _timers?.CancelAll();
        if (_actor is not null)
        {
            try
            {
                _actor.InvokePreRestart(cause, failedMessage);
            }
            catch (Exception ex)
            {
                _log.LogError(ex, "PreRestart of {Path} threw", Path);
            }
        }
        _restartCause = cause;
        if (StopChildrenEntering(State.Restarting) == 0) FinishRestart();
    }

    private void FinishRestart()
    {
        var cause = _restartCause!;
        _restartCause = null;
        _stash?.UnstashAll();
        _state = State.Running;
        _failed = false;
        try
        {
            _actor = NewInstance();
            _actor.InvokePostRestart(cause);
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(ex, null);
        }
    }

    private void BeginTerminate()
    {
        if (_state is State.Terminating or State.Terminated) return;
        _timers?.CancelAll();
        if (StopChildrenEntering(State.Terminating) == 0) FinishTerminate();
    }

    /// <summary>Switches state and stops every child in one step, so no child can be added in between.</summary>
    private int StopChildrenEntering(State state)
    {
        ActorCell[] children;
        lock (_childrenGate)
        {
            _state = state;
            children = _children.Values.ToArray();
        }
        foreach (var child in children) child.SendSystem(StopActor.Instance);
        return children.Length;
    }

    private void OnChildTerminated(ActorCell child)
    {
        bool none;
        lock (_childrenGate)
        {
            if (_children.TryGetValue(child.Path.Name, out var registered) && registered == child)
                _children.Remove(child.Path.Name);
            none = _children.Count == 0;
        }
        _restartBudgets.Remove(child);
        if (!none) return;
        if (_state == State.Terminating) FinishTerminate();
        else if (_state == State.Restarting) FinishRestart();
    }

    private void FinishTerminate()
    {
        _state = State.Terminated;
        if (_actor is not null)
        {
            try
            {
                _actor.InvokePostStop();
            }
            catch (Exception ex)
            {
                _log.LogError(ex, "PostStop of {Path} threw", Path);
            }
            _actor = null;
        }
        lock (_deathGate) _dead = true;
        var deadLetters = System.DeadLetters;
        _stash?.Drain(e => deadLetters.Publish(new DeadLetter(e.Message, e.Sender, this)));
        Mailbox.CloseAndDrain(e =>
        {
            // Kernel wrappers addressed to a dead actor mean nothing to anyone.
            if (e.Message is not (Scheduling.TimerFired or DeliverTerminated))
                deadLetters.Publish(new DeadLetter(e.Message, e.Sender, this));
        });
        NotifyWatchersAndForgetWatched();
        _parent?.SendSystem(new ChildTerminated(this));
        OnTerminated?.Invoke();
    }

    private bool IsLiveChild(ActorCell child)
    {
        lock (_childrenGate) return _children.TryGetValue(child.Path.Name, out var registered) && registered == child;
    }

    private static IInternalActorRef AsInternal(IActorRef actor) =>
        actor as IInternalActorRef ?? throw new ArgumentException($"{actor} is not a reference created by this kernel.", nameof(actor));
}
