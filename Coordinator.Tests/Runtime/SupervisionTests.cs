using Coordinator.Runtime.Actors;
using Coordinator.Runtime.TestKit;

namespace Coordinator.Tests.Runtime;

public sealed class SupervisionTests : TestKit
{
    private IActorRef CounterUnder(SupervisorStrategy? strategy, TestProbe probe, string name = "counter")
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent(strategy)), "parent-" + name);
        probe.Send(parent, (name, Props.Create(() => new Counter(probe))));
        return CreatedAndStarted(probe);
    }

    /// <summary>The parent's reply and the child's PreStart report race; take both, in either order.</summary>
    private static IActorRef CreatedAndStarted(TestProbe probe)
    {
        var messages = probe.ReceiveN(2);
        Assert.Contains("pre-start", messages);
        return messages.OfType<IActorRef>().Single();
    }

    private static int CountOf(TestProbe probe, IActorRef counter)
    {
        probe.Send(counter, new GetCount());
        return probe.ExpectMsg<int>();
    }

    [Fact]
    public void Restart_replaces_the_instance_so_its_state_is_back_at_zero_and_calls_the_restart_hooks()
    {
        var probe = CreateTestProbe();
        var counter = CounterUnder(null, probe);
        counter.Tell(new Increment());
        counter.Tell(new Increment());
        Assert.Equal(2, CountOf(probe, counter));

        counter.Tell(new Fail("boom"));

        probe.ExpectMsg("pre-restart: boom on Fail");
        probe.ExpectMsg("post-restart: boom");
        Assert.Equal(0, CountOf(probe, counter));
    }

    [Fact]
    public void Restart_keeps_the_mailbox_and_drops_only_the_failing_message()
    {
        var probe = CreateTestProbe();
        var counter = CounterUnder(null, probe);

        counter.Tell(new Fail("boom"));
        counter.Tell(new Increment());
        probe.ExpectMsg("pre-restart: boom on Fail");
        probe.ExpectMsg("post-restart: boom");

        Assert.Equal(1, CountOf(probe, counter));
    }

    [Fact]
    public void Resume_keeps_the_instance_and_its_state()
    {
        var probe = CreateTestProbe();
        var counter = CounterUnder(new OneForOneStrategy(_ => Directive.Resume), probe);
        counter.Tell(new Increment());

        counter.Tell(new Fail("boom"));

        Assert.Equal(1, CountOf(probe, counter));
    }

    [Fact]
    public void Stop_directive_stops_the_failing_child()
    {
        var probe = CreateTestProbe();
        var counter = CounterUnder(new OneForOneStrategy(_ => Directive.Stop), probe);
        probe.Watch(counter);

        counter.Tell(new Fail("boom"));

        probe.ExpectMsg("post-stop");
        probe.ExpectTerminated(counter);
    }

    [Fact]
    public void Exceeding_the_restart_rate_limit_stops_the_child()
    {
        var probe = CreateTestProbe();
        var counter = CounterUnder(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart), probe);
        probe.Watch(counter);

        for (var i = 0; i < 3; i++) counter.Tell(new Fail("boom " + i));

        probe.ExpectMsg("pre-restart: boom 0 on Fail");
        probe.ExpectMsg("post-restart: boom 0");
        probe.ExpectMsg("pre-restart: boom 1 on Fail");
        probe.ExpectMsg("post-restart: boom 1");
        probe.ExpectMsg("post-stop");
        probe.ExpectTerminated(counter);
    }

    /// <summary>Escalates every child failure; reports its own restart.</summary>
    private sealed class EscalatingParent : ActorBase
    {
        private readonly IActorRef _probe;

        public EscalatingParent(IActorRef probe)
        {
            _probe = probe;
            Receive<Props>(props => Sender.Tell(Context.ActorOf(props, "child")));
        }

        protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Escalate);

        protected override void PreRestart(Exception reason, object? message) => _probe.Tell($"parent restarting: {reason.Message}");
    }

    [Fact]
    public void Escalate_fails_the_parent_whose_supervisor_then_restarts_it_and_its_children()
    {
        var probe = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new EscalatingParent(probe)), "escalating");
        probe.Send(parent, Props.Create(() => new Counter(probe)));
        var child = CreatedAndStarted(probe);

        child.Tell(new Fail("deep"));

        probe.ExpectMsg("parent restarting: deep");
        probe.ExpectMsg("post-stop");
    }

    [Fact]
    public void A_top_level_actor_that_throws_in_its_constructor_is_restarted_by_the_guardian()
    {
        var probe = CreateTestProbe();
        var attempts = 0;
        Sys.ActorOf(Props.Create(() => new Flaky(probe, ++attempts)));

        probe.ExpectMsg("started on attempt 2");
    }

    private sealed class Flaky : ActorBase
    {
        public Flaky(IActorRef probe, int attempt)
        {
            if (attempt == 1) throw new InvalidOperationException("first construction fails");
            probe.Tell($"started on attempt {attempt}");
        }
    }
}
