namespace Coordinator.Runtime.Actors;

/// <summary>How to create (and re-create on restart) an actor: a factory that returns a fresh instance each call.</summary>
public sealed record Props
{
    private Props(Func<ActorBase> factory, Type? actorType)
    {
        Factory = factory;
        ActorType = actorType;
    }

    public Func<ActorBase> Factory { get; }

    /// <summary>The declared actor type, for diagnostics.</summary>
    public Type? ActorType { get; }

    /// <summary>Overrides the supervision strategy the actor declares for its children.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; init; }

    /// <summary>Overrides the system-wide throughput (user messages per mailbox run) for this actor.</summary>
    public int? Throughput { get; init; }

    public static Props Create<TActor>(Func<TActor> factory) where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(factory, typeof(TActor));
    }

    public static Props Create<TActor>() where TActor : ActorBase, new() => new(() => new TActor(), typeof(TActor));

    internal ActorBase NewActor() => Factory() ?? throw new InvalidOperationException($"Props factory for {ActorType?.Name} returned null.");
}
