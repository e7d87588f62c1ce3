using Coordinator.Runtime.Actors;
using Coordinator.Runtime.Scheduling;
using Coordinator.Runtime.TestKit;

namespace Coordinator.Tests.Runtime;

public sealed class SchedulerTests() : TestKit(virtualTime: true)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);

    [Fact]
    public void A_scheduled_tell_fires_only_once_the_virtual_clock_reaches_its_due_time()
    {
        var probe = CreateTestProbe();
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(10), probe, "tick", null);

        Advance(TimeSpan.FromSeconds(9));
        probe.ExpectNoMsg(Quiet);
        Advance(TimeSpan.FromSeconds(1));

        probe.ExpectMsg("tick");
        Assert.Equal(TimeSpan.FromSeconds(10), Clock.Elapsed);
    }

    [Fact]
    public void A_repeated_tell_fires_once_per_interval_and_stops_when_cancelled()
    {
        var probe = CreateTestProbe();
        var handle = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), probe, "beat", null);

        Advance(TimeSpan.FromSeconds(5)); // due at 1, 3, 5
        Assert.Equal(new object[] { "beat", "beat", "beat" }, probe.ReceiveN(3));
        probe.ExpectNoMsg(Quiet);

        handle.Cancel();
        Advance(TimeSpan.FromSeconds(10));

        probe.ExpectNoMsg(Quiet);
        Assert.Equal(0, Clock.PendingTimers);
    }

    [Fact]
    public void Timers_fire_in_due_time_order_regardless_of_creation_order()
    {
        var probe = CreateTestProbe();
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(3), probe, "third", null);
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), probe, "first", null);
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(2), probe, "second", null);

        Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(new object[] { "first", "second", "third" }, probe.ReceiveN(3));
    }

    [Fact]
    public void A_cancelled_single_tell_never_fires()
    {
        var probe = CreateTestProbe();
        var handle = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromSeconds(1), probe, "never", null);

        handle.Cancel();
        Advance(TimeSpan.FromSeconds(2));

        Assert.True(handle.IsCancelled);
        probe.ExpectNoMsg(Quiet);
    }

    private sealed record Arm(object Key, string Message, TimeSpan Delay);

    private sealed record Disarm(object Key);

    private sealed record Hold(ManualResetEventSlim Gate, IActorRef Probe);

    /// <summary>Starts and cancels keyed timers on request; reports whatever its timers deliver.</summary>
    private sealed class TimerOwner : ActorBase
    {
        public TimerOwner(IActorRef probe)
        {
            Receive<Arm>(a => Timers.StartSingleTimer(a.Key, a.Message, a.Delay));
            Receive<Disarm>(d => Timers.Cancel(d.Key));
            Receive<Hold>(h =>
            {
                h.Probe.Tell("holding");
                if (!h.Gate.Wait(TimeSpan.FromSeconds(10))) throw new TimeoutException("test never released the gate");
            });
            Receive<string>(s => s == "periodic", _ => Timers.StartPeriodicTimer("p", "pulse", TimeSpan.FromSeconds(1)));
            Receive<string>(s => s == "sync", _ => probe.Tell("synced"));
            Receive<string>(s => probe.Tell(s));
        }
    }

    private IActorRef StartTimerOwner(TestProbe probe, params object[] setup)
    {
        var owner = Sys.ActorOf(Props.Create(() => new TimerOwner(probe)));
        foreach (var message in setup) owner.Tell(message);
        // The actor handles messages in order, so once it answers "sync" its timers are armed.
        probe.Send(owner, "sync");
        probe.ExpectMsg("synced");
        return owner;
    }

    [Fact]
    public void Restarting_a_keyed_timer_replaces_it_and_the_old_message_is_never_received()
    {
        var probe = CreateTestProbe();
        StartTimerOwner(probe,
            new Arm("k", "old", TimeSpan.FromSeconds(1)),
            new Arm("k", "new", TimeSpan.FromSeconds(3)));

        Advance(TimeSpan.FromSeconds(5));

        probe.ExpectMsg("new");
        probe.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void A_keyed_timer_replaced_after_its_old_message_is_already_queued_still_never_delivers_it()
    {
        var probe = CreateTestProbe();
        using var gate = new ManualResetEventSlim();
        var owner = StartTimerOwner(probe, new Arm("k", "old", TimeSpan.FromSeconds(1)));

        owner.Tell(new Hold(gate, probe)); // keeps the actor busy while the mailbox fills up
        probe.ExpectMsg("holding");
        owner.Tell(new Arm("k", "new", TimeSpan.FromSeconds(10)));
        Advance(TimeSpan.FromSeconds(1)); // "old" fires now, queued behind the re-arm
        gate.Set();

        probe.ExpectNoMsg(Quiet);
        Advance(TimeSpan.FromSeconds(10));
        probe.ExpectMsg("new");
    }

    [Fact]
    public void Cancelling_a_keyed_timer_and_a_periodic_timer_work()
    {
        var probe = CreateTestProbe();
        var owner = StartTimerOwner(probe, new Arm("k", "cancelled", TimeSpan.FromSeconds(1)), "periodic");

        owner.Tell(new Disarm("k"));
        probe.Send(owner, "sync");
        probe.ExpectMsg("synced");
        Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(new object[] { "pulse", "pulse", "pulse" }, probe.ReceiveN(3));
        probe.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void Timers_are_cancelled_when_their_actor_stops()
    {
        var probe = CreateTestProbe();
        var owner = StartTimerOwner(probe, "periodic");
        probe.Watch(owner);

        Sys.Stop(owner);
        probe.ExpectTerminated(owner);
        Advance(TimeSpan.FromSeconds(5));

        probe.ExpectNoMsg(Quiet);
        Assert.Equal(0, Clock.PendingTimers);
    }

    [Fact]
    public void The_virtual_clock_moves_wall_time_and_elapsed_time_together()
    {
        var clock = new VirtualClock(new DateTimeOffset(2030, 5, 1, 12, 0, 0, TimeSpan.Zero));

        clock.Advance(TimeSpan.FromMinutes(90));

        Assert.Equal(new DateTimeOffset(2030, 5, 1, 13, 30, 0, TimeSpan.Zero), clock.UtcNow);
        Assert.Equal(TimeSpan.FromMinutes(90), clock.Elapsed);
    }
}
