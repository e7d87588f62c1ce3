using Coordinator.Runtime.Scheduling;

namespace Coordinator.Runtime.Actors;

/// <summary>An actor's view of its own cell. Use only from inside the actor (its constructor or handlers).</summary>
public interface IActorContext
{
    IActorRef Self { get; }

    /// <summary>The sender of the message being processed; dead letters when there is none.</summary>
    IActorRef Sender { get; }

    IActorRef Parent { get; }

    ActorSystem System { get; }

    ITimerScheduler Timers { get; }

    IEnumerable<IActorRef> Children { get; }

    /// <summary>Creates a child. Names are unique among siblings; null picks a fresh one.</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Stops the actor (self or a child) after the message being processed.</summary>
    void Stop(IActorRef actor);

    /// <summary>Delivers <see cref="Terminated"/> once when <paramref name="actor"/> stops, even if it already has.</summary>
    IActorRef Watch(IActorRef actor);

    /// <summary>No <see cref="Terminated"/> for <paramref name="actor"/> will be received after this call.</summary>
    IActorRef Unwatch(IActorRef actor);

    /// <summary>Switches to the handlers registered by <paramref name="configure"/>; pushes onto the behavior stack unless <paramref name="discardOld"/>.</summary>
    void Become(Action configure, bool discardOld = false);

    /// <summary>Returns to the previous behavior; the initial behavior is never popped.</summary>
    void Unbecome();
}
