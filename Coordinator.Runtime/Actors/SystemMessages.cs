namespace Coordinator.Runtime.Actors;

// Lifecycle, supervision and death-watch traffic. These travel in the mailbox's system queue, which is
// drained before any user message, so a Stop or a supervisor's verdict never waits behind user work.

internal sealed record CreateActor
{
    public static readonly CreateActor Instance = new();
}

internal sealed record RecreateActor(Exception Cause, object? FailedMessage);

internal sealed record ResumeActor
{
    public static readonly ResumeActor Instance = new();
}

internal sealed record StopActor
{
    public static readonly StopActor Instance = new();
}

internal sealed record ChildFailed(ActorCell Child, Exception Cause, object? Message);

internal sealed record ChildTerminated(ActorCell Child);

internal sealed record WatchActor(IInternalActorRef Watchee, IInternalActorRef Watcher);

internal sealed record UnwatchActor(IInternalActorRef Watchee, IInternalActorRef Watcher);

internal sealed record DeathWatchNotification(IActorRef Actor);

/// <summary>Travels in the user queue so Terminated keeps its place among the watcher's user messages.</summary>
internal sealed record DeliverTerminated(IActorRef Actor);
