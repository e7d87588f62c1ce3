using Coordinator.Runtime.Dispatch;
using Coordinator.Runtime.Scheduling;
using Microsoft.Extensions.Logging;

namespace Coordinator.Runtime.Actors;

/// <summary>
/// The kernel's per-actor state: the reference, the mailbox, the current instance, children, watchers and
/// timers. Everything except the mailbox and the children registry is touched only by the running mailbox,
/// one message at a time. Split into partial files by concern.
/// </summary>
internal sealed partial class ActorCell : IInternalActorRef, IActorContext, IMessageInvoker
{
    [ThreadStatic] private static ActorCell? t_current;

    private readonly Props _props;
    private readonly ActorCell? _parent;
    private readonly ILogger _log;
    private ActorBase? _actor;
    private Envelope? _current;
    private TimerScheduler? _timers;
    private BoundedStash? _stash;

    internal ActorCell(ActorSystem system, Props props, ActorCell? parent, ActorPath path, bool isGuardian = false)
    {
        System = system;
        _props = props;
        _parent = parent;
        Path = path;
        IsGuardian = isGuardian;
        _log = system.KernelLog;
        Mailbox = new Mailbox(this, system.Settings.Dispatcher, props.Throughput ?? system.Settings.Throughput);
    }

    /// <summary>The cell whose actor runs on this thread right now (for sender inference and actor construction).</summary>
    internal static ActorCell? Current => t_current;

    public ActorPath Path { get; }

    public ActorSystem System { get; }

    public IActorRef Self => this;

    public IActorRef Sender => _current?.Sender ?? System.DeadLetters;

    public IActorRef Parent => (IActorRef?)_parent ?? ActorRefs.Nobody;

    public ITimerScheduler Timers => _timers ??= new TimerScheduler(System.Scheduler, this);

    internal Mailbox Mailbox { get; }

    internal bool IsGuardian { get; }

    internal Envelope? CurrentEnvelope => _current;

    internal IStash Stash => _actor is IWithStash
        ? _stash ??= new BoundedStash(this, System.Settings.StashCapacity)
        : throw new InvalidOperationException($"{_actor?.GetType().Name} at {Path} must implement IWithStash to use Stash.");

    public void Tell(object message, IActorRef? sender = null) => Post(message, ActorRefs.ResolveSender(sender));

    public void Post(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Mailbox.TryPost(new Envelope(message, sender)))
            System.DeadLetters.Publish(new DeadLetter(message, sender, this));
    }

    public bool CanProcessUserMessages => _state == State.Running && !_failed;

    public void Invoke(Envelope envelope)
    {
        var previous = t_current;
        t_current = this;
        _current = envelope;
        try
        {
            if (Unwrap(envelope.Message) is not { } message) return;
            if (!ReferenceEquals(message, envelope.Message)) _current = envelope with { Message = message };
            if (message is PoisonPill)
            {
                BeginTerminate();
                return;
            }
            if (!_actor!.TryReceive(message)) _actor.HandleUnhandled(message);
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(ex, _current?.Message);
        }
        finally
        {
            _current = null;
            t_current = previous;
        }
    }

    /// <summary>Turns kernel wrappers into what the actor sees; null when the message is stale and must be dropped.</summary>
    private object? Unwrap(object message) => message switch
    {
        TimerFired fired => _timers?.Accept(fired),
        DeliverTerminated delivery => _terminatedQueued.Remove(delivery.Actor) ? new Terminated(delivery.Actor) : null,
        _ => message,
    };

    public void InvokeSystem(object message)
    {
        var previous = t_current;
        t_current = this;
        try
        {
            if (_state == State.Terminated) HandleSystemWhileDead(message);
            else Dispatch(message);
        }
        catch (Exception ex)
        {
            _log.LogError(ex, "Actor {Path} failed handling kernel message {MessageType}", Path, message.GetType().Name);
        }
        finally
        {
            t_current = previous;
        }
    }

    private void Dispatch(object message)
    {
        switch (message)
        {
            case CreateActor: Start(); break;
            case RecreateActor recreate: BeginRestart(recreate.Cause, recreate.FailedMessage); break;
            case ResumeActor: ResumeAfterFailure(); break;
            case StopActor: BeginTerminate(); break;
            case ChildFailed failed: SuperviseFailedChild(failed); break;
            case ChildTerminated terminated: OnChildTerminated(terminated.Child); break;
            case WatchActor watch: AddWatcher(watch.Watcher); break;
            case UnwatchActor unwatch: _watchers.Remove(unwatch.Watcher); break;
            case DeathWatchNotification notification: OnWatchedActorTerminated(notification.Actor); break;
            default: throw new InvalidOperationException($"Unknown kernel message {message.GetType().Name}.");
        }
    }

    internal void PublishUnhandled(object message)
    {
        var sender = _current?.Sender;
        _log.LogDebug("Actor {Path} did not handle {MessageType}", Path, message.GetType().Name);
        System.EventStream.Publish(new UnhandledMessage(message, sender, this));
    }

    private ActorBase NewInstance()
    {
        var actor = _props.NewActor();
        actor.EndConstruction();
        return actor;
    }

    private ActorBase RequireActor() =>
        _actor ?? throw new InvalidOperationException($"Actor {Path} has no running instance.");

    public void Become(Action configure, bool discardOld = false) => RequireActor().BecomeFromContext(configure, discardOld);

    public void Unbecome() => RequireActor().UnbecomeFromContext();

    public override string ToString() => Path.ToString();
}
