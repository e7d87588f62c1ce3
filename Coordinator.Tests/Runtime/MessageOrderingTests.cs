using Coordinator.Runtime.Actors;
using Coordinator.Runtime.TestKit;

namespace Coordinator.Tests.Runtime;

public sealed class MessageOrderingTests : TestKit
{
    /// <summary>Appends every int it gets, per sender, and reports the lists on request.</summary>
    private sealed class SequenceCollector : ActorBase
    {
        private readonly Dictionary<IActorRef, List<int>> _bySender = new();

        public SequenceCollector()
        {
            Receive<int>(n =>
            {
                if (!_bySender.TryGetValue(Sender, out var list)) _bySender[Sender] = list = new List<int>();
                list.Add(n);
            });
            Receive<string>(_ => Sender.Tell(_bySender.ToDictionary(p => p.Key, p => p.Value.ToArray())));
        }
    }

    [Fact]
    public void Ten_thousand_messages_from_one_sender_arrive_in_the_order_sent()
    {
        var probe = CreateTestProbe();
        var collector = Sys.ActorOf(Props.Create(() => new SequenceCollector()));
        for (var i = 0; i < 10_000; i++) collector.Tell(i, probe);
        probe.Send(collector, "report");

        var received = probe.ExpectMsg<Dictionary<IActorRef, int[]>>();

        Assert.Equal(Enumerable.Range(0, 10_000), received[probe]);
    }

    [Fact]
    public void Each_of_several_concurrent_senders_keeps_its_own_order()
    {
        const int senders = 4, perSender = 5_000;
        var probes = Enumerable.Range(0, senders).Select(_ => CreateTestProbe()).ToArray();
        var collector = Sys.ActorOf(Props.Create(() => new SequenceCollector()));

        Parallel.ForEach(probes, probe =>
        {
            for (var i = 0; i < perSender; i++) collector.Tell(i, probe);
        });
        probes[0].Send(collector, "report");
        var received = probes[0].ExpectMsg<Dictionary<IActorRef, int[]>>();

        foreach (var probe in probes) Assert.Equal(Enumerable.Range(0, perSender), received[probe]);
    }

    [Fact]
    public void Tell_from_inside_an_actor_carries_that_actor_as_sender()
    {
        var probe = CreateTestProbe();
        var echo = Sys.ActorOf(Props.Create(() => new Recorder(probe)), "echo");
        var relay = Sys.ActorOf(Props.Create(() => new Relay(echo)), "relay");

        relay.Tell("hello");

        probe.ExpectMsg("hello");
        Assert.Equal(relay, probe.LastSender);
    }

    private sealed class Relay : ActorBase
    {
        public Relay(IActorRef target) => Receive<string>(text => target.Tell(text));
    }
}
