using Coordinator.Runtime.Actors;
using Coordinator.Runtime.TestKit;

namespace Coordinator.Tests.Runtime;

public sealed class DeathWatchTests : TestKit
{
    private sealed record WatchIt(IActorRef Target);

    private sealed record UnwatchIt(IActorRef Target);

    private sealed record Hold(ManualResetEventSlim Gate);

    /// <summary>Watches on request and reports every Terminated it receives.</summary>
    private sealed class Watcher : ActorBase
    {
        public Watcher(IActorRef probe)
        {
            Receive<WatchIt>(w =>
            {
                Context.Watch(w.Target);
                Context.Watch(w.Target); // watching twice must still yield one Terminated
                probe.Tell("watching");
            });
            Receive<UnwatchIt>(u =>
            {
                Context.Unwatch(u.Target);
                probe.Tell("unwatched");
            });
            Receive<Terminated>(t => probe.Tell(t));
            Receive<Hold>(h =>
            {
                probe.Tell("holding");
                if (!h.Gate.Wait(TimeSpan.FromSeconds(10))) throw new TimeoutException("test never released the gate");
            });
        }
    }

    private sealed class Idle : ActorBase;

    [Fact]
    public void Terminated_is_delivered_exactly_once_when_a_watched_actor_stops()
    {
        var probe = CreateTestProbe();
        var target = Sys.ActorOf(Props.Create(() => new Idle()), "target");
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(probe)));
        watcher.Tell(new WatchIt(target));
        probe.ExpectMsg("watching");

        Sys.Stop(target);
        target.Tell(PoisonPill.Instance);

        Assert.Equal(target, probe.ExpectMsg<Terminated>().ActorRef);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Watching_an_actor_that_is_already_dead_delivers_Terminated()
    {
        var probe = CreateTestProbe();
        var target = Sys.ActorOf(Props.Create(() => new Idle()));
        probe.Watch(target);
        Sys.Stop(target);
        probe.ExpectTerminated(target);
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(probe)));

        watcher.Tell(new WatchIt(target));

        probe.ExpectMsg("watching");
        Assert.Equal(target, probe.ExpectMsg<Terminated>().ActorRef);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void No_Terminated_arrives_after_Unwatch()
    {
        var probe = CreateTestProbe();
        var target = Sys.ActorOf(Props.Create(() => new Idle()));
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(probe)));
        watcher.Tell(new WatchIt(target));
        watcher.Tell(new UnwatchIt(target));
        probe.ExpectMsg("watching");
        probe.ExpectMsg("unwatched");

        Sys.Stop(target);

        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Unwatch_wins_over_a_Terminated_that_is_already_queued()
    {
        var probe = CreateTestProbe();
        var target = Sys.ActorOf(Props.Create(() => new Idle()));
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(probe)));
        watcher.Tell(new WatchIt(target));
        probe.ExpectMsg("watching");
        probe.Watch(target);
        using var gate = new ManualResetEventSlim();

        watcher.Tell(new Hold(gate));
        probe.ExpectMsg("holding");
        watcher.Tell(new UnwatchIt(target));
        Sys.Stop(target);
        probe.ExpectTerminated(target); // the watcher's notification is now queued behind UnwatchIt
        gate.Set();

        probe.ExpectMsg("unwatched");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void PoisonPill_stops_an_actor_after_the_messages_queued_before_it()
    {
        var probe = CreateTestProbe();
        var recorder = Sys.ActorOf(Props.Create(() => new Recorder(probe)));
        probe.Watch(recorder);

        recorder.Tell("first");
        recorder.Tell(PoisonPill.Instance);
        recorder.Tell("after the pill");

        probe.ExpectMsg("first");
        probe.ExpectTerminated(recorder);
    }
}
