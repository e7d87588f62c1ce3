namespace Coordinator.Runtime.Actors;

/// <summary>Sent to a watcher exactly once when a watched actor has stopped.</summary>
public sealed record Terminated(IActorRef ActorRef);

/// <summary>Stops the receiving actor once it reaches this message in its mailbox.</summary>
public sealed class PoisonPill
{
    public static readonly PoisonPill Instance = new();

    private PoisonPill() { }
}

/// <summary>Results of asynchronous work (see PipeTo) and failure replies that Ask unwraps.</summary>
public static class Status
{
    public sealed record Success(object? Value);

    public sealed record Failure(Exception Cause);
}

/// <summary>A message that could not be delivered because its recipient had stopped (or never existed).</summary>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient);

/// <summary>A message an actor did not handle.</summary>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient);

/// <summary>A child name that is empty, contains '/', starts with '$' or is already taken.</summary>
public sealed class InvalidActorNameException(string message) : Exception(message);
