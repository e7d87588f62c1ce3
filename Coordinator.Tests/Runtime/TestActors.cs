using Coordinator.Runtime.Actors;

namespace Coordinator.Tests.Runtime;

/// <summary>Small actors shared by the kernel tests; each reports what it sees to a probe.</summary>
internal sealed class Recorder : ActorBase
{
    public Recorder(IActorRef probe) => ReceiveAny(message => probe.Tell(message, Sender));
}

internal sealed record Increment;

internal sealed record GetCount;

internal sealed record Fail(string Reason);

/// <summary>Counts increments; throws on <see cref="Fail"/>; reports its lifecycle hooks to the probe.</summary>
internal sealed class Counter : ActorBase
{
    private readonly IActorRef _probe;
    private int _count;

    public Counter(IActorRef probe)
    {
        _probe = probe;
        Receive<Increment>(_ => _count++);
        Receive<GetCount>(_ => Sender.Tell(_count));
        Receive<Fail>(fail => throw new InvalidOperationException(fail.Reason));
    }

    protected override void PreStart() => _probe.Tell("pre-start");

    protected override void PostStop() => _probe.Tell("post-stop");

    protected override void PreRestart(Exception reason, object? message) => _probe.Tell($"pre-restart: {reason.Message} on {message?.GetType().Name}");

    protected override void PostRestart(Exception reason) => _probe.Tell($"post-restart: {reason.Message}");
}

/// <summary>Creates the children it is told to, supervising them with the given strategy.</summary>
internal sealed class Parent : ActorBase
{
    private readonly SupervisorStrategy? _strategy;

    public Parent(SupervisorStrategy? strategy = null)
    {
        _strategy = strategy;
        Receive<(string Name, Props Props)>(request => Sender.Tell(Context.ActorOf(request.Props, request.Name)));
    }

    protected override SupervisorStrategy? SupervisorStrategy() => _strategy;
}
