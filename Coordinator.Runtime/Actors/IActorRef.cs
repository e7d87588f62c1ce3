using Coordinator.Runtime.Dispatch;

namespace Coordinator.Runtime.Actors;

/// <summary>The only handle to an actor: send it messages, never call into it.</summary>
public interface IActorRef
{
    ActorPath Path { get; }

    /// <summary>
    /// Enqueues <paramref name="message"/> and returns at once. Without an explicit sender, a call made from
    /// inside an actor passes that actor as sender; elsewhere there is no sender.
    /// </summary>
    void Tell(object message, IActorRef? sender = null);
}

/// <summary>Kernel-side view of a reference: system messages and sends without sender inference.</summary>
internal interface IInternalActorRef : IActorRef
{
    ActorSystem System { get; }

    bool IsTerminated { get; }

    /// <summary>Enqueues with exactly the given sender (no inference from the current thread).</summary>
    void Post(object message, IActorRef? sender);

    void SendSystem(object systemMessage);
}

/// <summary>Well-known references.</summary>
public static class ActorRefs
{
    /// <summary>"No sender": replies to it go to dead letters.</summary>
    public static readonly IActorRef? NoSender = null;

    /// <summary>A reference that silently discards everything sent to it.</summary>
    public static readonly IActorRef Nobody = new NobodyRef();

    /// <summary>The explicit sender if given, otherwise the actor whose message is being processed on this thread.</summary>
    internal static IActorRef? ResolveSender(IActorRef? sender) => sender ?? ActorCell.Current?.Self;

    /// <summary>Sends with exactly <paramref name="sender"/>; used by timers and other non-actor code.</summary>
    internal static void Post(IActorRef receiver, object message, IActorRef? sender)
    {
        if (receiver is IInternalActorRef internalRef) internalRef.Post(message, sender);
        else receiver.Tell(message, sender);
    }

    private sealed class NobodyRef : IActorRef
    {
        public ActorPath Path { get; } = ActorPath.Root.Child("nobody");

        public void Tell(object message, IActorRef? sender = null) { }

        public override string ToString() => Path.ToString();
    }
}
