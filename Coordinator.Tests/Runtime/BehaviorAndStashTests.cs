using Coordinator.Runtime.Actors;
using Coordinator.Runtime.TestKit;

namespace Coordinator.Tests.Runtime;

public sealed class BehaviorAndStashTests : TestKit
{
    /// <summary>A door: "open" pushes the open behavior, "close" pops it; it answers "state" with its state.</summary>
    private sealed class Door : ActorBase
    {
        public Door()
        {
            Receive<string>(s => s == "state", _ => Sender.Tell("closed"));
            Receive<string>(s => s == "open", _ => Become(() =>
            {
                Receive<string>(s => s == "state", _ => Sender.Tell("open"));
                Receive<string>(s => s == "close", _ => Unbecome());
            }));
        }
    }

    /// <summary>Stashes work until "ready", then handles it in the original order.</summary>
    private sealed class Gate : ActorBase, IWithStash
    {
        public Gate(IActorRef probe)
        {
            Receive<int>(_ => Stash.Stash());
            Receive<string>(s => s == "ready", _ =>
            {
                Become(() => Receive<int>(n => probe.Tell(n)));
                Stash.UnstashAll();
            });
        }
    }

    private sealed class NoStash : ActorBase
    {
        public NoStash(IActorRef probe) => ReceiveAny(_ =>
        {
            try
            {
                Stash.Stash();
            }
            catch (InvalidOperationException ex)
            {
                probe.Tell(ex.Message);
            }
        });
    }

    [Fact]
    public void Become_switches_behavior_and_Unbecome_returns_to_the_previous_one()
    {
        var probe = CreateTestProbe();
        var door = Sys.ActorOf(Props.Create(() => new Door()));

        probe.Send(door, "state");
        probe.ExpectMsg("closed");
        probe.Send(door, "open");
        probe.Send(door, "state");
        probe.ExpectMsg("open");
        probe.Send(door, "close");
        probe.Send(door, "state");
        probe.ExpectMsg("closed");
    }

    [Fact]
    public void UnstashAll_replays_stashed_messages_in_order_before_newer_ones()
    {
        var probe = CreateTestProbe();
        var gate = Sys.ActorOf(Props.Create(() => new Gate(probe)));

        for (var i = 1; i <= 3; i++) gate.Tell(i);
        gate.Tell("ready");
        gate.Tell(4);

        Assert.Equal(new object[] { 1, 2, 3, 4 }, probe.ReceiveN(4));
    }

    [Fact]
    public void An_actor_without_IWithStash_gets_a_clear_error_when_stashing()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new NoStash(probe)));

        actor.Tell("x");

        Assert.Contains("IWithStash", probe.ExpectMsg<string>());
    }

    [Fact]
    public void Unhandled_messages_are_published_on_the_event_stream()
    {
        var probe = CreateTestProbe();
        using var _ = Sys.EventStream.Subscribe<UnhandledMessage>(u => probe.Tell(u));
        var door = Sys.ActorOf(Props.Create(() => new Door()));

        door.Tell(3.14);

        Assert.Equal(3.14, probe.ExpectMsg<UnhandledMessage>().Message);
    }
}
