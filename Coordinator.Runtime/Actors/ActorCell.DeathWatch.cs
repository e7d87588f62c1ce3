namespace Coordinator.Runtime.Actors;

// Death watch. Terminated is delivered at most once per Watch: the watched set is consulted both when the
// notification arrives and when the queued Terminated reaches the actor, so Unwatch in between wins.
internal sealed partial class ActorCell
{
    private readonly object _deathGate = new();
    private readonly HashSet<IInternalActorRef> _watchers = new();
    private readonly HashSet<IActorRef> _watching = new();
    private readonly HashSet<IActorRef> _terminatedQueued = new();
    private volatile bool _dead;

    public bool IsTerminated => _dead;

    public void SendSystem(object systemMessage)
    {
        lock (_deathGate)
        {
            if (!_dead)
            {
                Mailbox.PostSystem(systemMessage);
                return;
            }
        }
        HandleSystemWhileDead(systemMessage);
    }

    /// <summary>A dead actor still answers Watch, so watching something already gone yields Terminated.</summary>
    private void HandleSystemWhileDead(object message)
    {
        if (message is WatchActor watch) watch.Watcher.SendSystem(new DeathWatchNotification(this));
    }

    public IActorRef Watch(IActorRef actor)
    {
        var target = AsInternal(actor);
        if (target != this && _watching.Add(target)) target.SendSystem(new WatchActor(target, this));
        return actor;
    }

    public IActorRef Unwatch(IActorRef actor)
    {
        var target = AsInternal(actor);
        _terminatedQueued.Remove(target);
        if (_watching.Remove(target)) target.SendSystem(new UnwatchActor(target, this));
        return actor;
    }

    private void AddWatcher(IInternalActorRef watcher)
    {
        if (watcher != this) _watchers.Add(watcher);
    }

    private void OnWatchedActorTerminated(IActorRef actor)
    {
        if (!_watching.Remove(actor) || _state is State.Terminating) return;
        _terminatedQueued.Add(actor);
        Post(new DeliverTerminated(actor), actor);
    }

    private void NotifyWatchersAndForgetWatched()
    {
        foreach (var watcher in _watchers) watcher.SendSystem(new DeathWatchNotification(this));
        _watchers.Clear();
        foreach (var watched in _watching) ((IInternalActorRef)watched).SendSystem(new UnwatchActor((IInternalActorRef)watched, this));
        _watching.Clear();
        _terminatedQueued.Clear();
    }
}
