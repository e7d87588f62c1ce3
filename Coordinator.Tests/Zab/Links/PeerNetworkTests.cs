using System.Net;
using System.Net.Sockets;
using Coordinator.Actors.Zab.Core;
using Coordinator.Actors.Zab.Links;
using Coordinator.Actors.Zab.Wire;
using Coordinator.Runtime.TestKit;
using static Coordinator.Actors.Zab.Links.PeerNetworkProtocol;
using static Coordinator.Tests.Zab.Links.LinkTestEnsemble;

namespace Coordinator.Tests.Zab.Links;

public sealed class PeerNetworkTests : TestKit
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);

    [Fact]
    public void Three_members_connect_every_pair_on_both_channels_and_deliver_a_thousand_messages_in_order()
    {
        var ensemble = new LinkTestEnsemble(this, 3).Start(1, 2, 3);
        ensemble.AwaitConnected(1, 2, 3);
        const int perPeer = 1000;
        const int notifications = 50;
        foreach (var from in new long[] { 1, 2, 3 })
        {
            foreach (var to in new long[] { 1, 2, 3 }.Where(t => t != from))
            {
                // Half go one by one, half in batches, interleaved with election traffic.
                for (uint i = 1; i <= perPeer / 2; i++) ensemble.Send(from, to, Ping(i));
                for (uint i = perPeer / 2 + 1; i <= perPeer; i += 100)
                    ensemble.Network(from).Tell(new SendBatch([.. Enumerable.Range(0, 100).Select(k => new OutgoingMessage(to, Ping(i + (uint)k)))]));
                for (var round = 1; round <= notifications; round++)
                    ensemble.Send(from, to, Vote(from, round));
            }
        }

        foreach (var me in new long[] { 1, 2, 3 })
        {
            var received = ensemble.Owner(me).ReceiveN(2 * (perPeer + notifications), Long).Cast<PeerReceived>().ToList();
            foreach (var from in new long[] { 1, 2, 3 }.Where(f => f != me))
            {
                var pings = received.Where(r => r.From == from && r.Message is Ping).Select(r => ((Ping)r.Message).LastZxid.Counter);
                Assert.Equal(Enumerable.Range(1, perPeer).Select(i => (uint)i), pings);
                var rounds = received.Where(r => r.From == from && r.Message is Notification).Select(r => ((Notification)r.Message).Round);
                Assert.Equal(Enumerable.Range(1, notifications).Select(i => (long)i), rounds);
            }
        }
    }

    [Fact]
    public void Stopping_the_accepting_member_reports_a_disconnect_and_the_dialer_reconnects_when_it_returns()
    {
        var ensemble = new LinkTestEnsemble(this, 2).Start(1, 2);
        ensemble.AwaitConnected(1, 2);

        ensemble.Stop(1);
        ensemble.Owner(2).ExpectMsg(new PeerDisconnected(1));

        ensemble.Start(1);
        ensemble.AwaitConnected(1, 2);
        ensemble.Send(2, 1, Ping(7));
        ensemble.Send(1, 2, Ping(8));
        ensemble.Owner(1).ExpectMsg(new PeerReceived(2, Ping(7)));
        ensemble.Owner(2).ExpectMsg(new PeerReceived(1, Ping(8)));
        Assert.Equal(2, ensemble.Stats(2).Link(1, PeerChannel.Quorum).Connections);
    }

    [Fact]
    public void A_peer_whose_socket_closes_is_reported_and_a_new_connection_from_it_delivers_again()
    {
        var ensemble = new LinkTestEnsemble(this, 2).Start(1);
        using (var first = ensemble.DialAs(2, 1))
        {
            first.Send(PeerCodec.Encode(Ping(1)));
            ensemble.Owner(1).ExpectMsg(new PeerReceived(2, Ping(1)));
        }
        ensemble.Owner(1).ExpectMsg(new PeerDisconnected(2));

        using var second = ensemble.DialAs(2, 1);
        second.Send(PeerCodec.Encode(Ping(2)));
        ensemble.Owner(1).ExpectMsg(new PeerReceived(2, Ping(2)));
    }

    [Fact]
    public void A_second_connection_for_the_same_pair_replaces_the_first_which_is_closed_and_reported()
    {
        var ensemble = new LinkTestEnsemble(this, 2).Start(1);
        using var first = ensemble.DialAs(2, 1);
        first.Send(PeerCodec.Encode(Ping(1)));
        ensemble.Owner(1).ExpectMsg(new PeerReceived(2, Ping(1)));

        using var second = ensemble.DialAs(2, 1);
        second.Send(PeerCodec.Encode(Ping(2)));

        ensemble.Owner(1).ExpectMsg(new PeerDisconnected(2));
        ensemble.Owner(1).ExpectMsg(new PeerReceived(2, Ping(2)));
        ExpectClosedByPeer(first);
        Assert.Equal(2, ensemble.Stats(1).Link(2, PeerChannel.Quorum).Connections);
    }

    public static TheoryData<string, long, byte[]> BadHellos() => new()
    {
        { "bad magic", 2, [0xDE, 0xAD, 0xBE, 0xEF, 1, 0, 0, 0, 0, 0, 0, 0, 3] },
        { "wrong channel", 2, new PeerHello(PeerChannel.Election, 3).Encode() },
        { "unknown id", 2, new PeerHello(PeerChannel.Quorum, 99).Encode() },
        { "smaller id dialing", 2, new PeerHello(PeerChannel.Quorum, 1).Encode() },
        { "own id", 2, new PeerHello(PeerChannel.Quorum, 2).Encode() },
        { "short hello", 2, [0x43, 0x6F, 0x5A] },
    };

    [Theory]
    [MemberData(nameof(BadHellos))]
    public void A_bad_hello_closes_only_that_connection(string why, long target, byte[] hello)
    {
        var ensemble = new LinkTestEnsemble(this, 3).Start(1, 2);
        ensemble.AwaitConnected(1, 2);

        using (var intruder = ensemble.DialAs(0, target, PeerChannel.Quorum, hello))
        {
            if (why == "short hello") intruder.Shutdown(SocketShutdown.Send);
            ExpectClosedByPeer(intruder);
        }

        ensemble.Send(2, 1, Ping(1));
        ensemble.Owner(1).ExpectMsg(new PeerReceived(2, Ping(1)));
        Assert.Equal(1, ensemble.Stats(2).Link(1, PeerChannel.Quorum).Connections);
        Assert.Equal(0, ensemble.Stats(2).Link(3, PeerChannel.Quorum).Connections);
    }

    [Fact]
    public void A_malformed_frame_closes_only_that_link_and_reports_it()
    {
        var ensemble = new LinkTestEnsemble(this, 3).Start(1, 2);
        ensemble.AwaitConnected(1, 2);
        using var member3 = ensemble.DialAs(3, 1);
        member3.Send(PeerCodec.Encode(Ping(1)));
        ensemble.Owner(1).ExpectMsg(new PeerReceived(3, Ping(1)));

        var corrupt = PeerCodec.Encode(Ping(2));
        corrupt[^1] ^= 0xFF;
        member3.Send(corrupt);

        ensemble.Owner(1).ExpectMsg(new PeerDisconnected(3));
        ExpectClosedByPeer(member3);
        ensemble.Send(2, 1, Ping(3));
        ensemble.Owner(1).ExpectMsg(new PeerReceived(2, Ping(3)));
    }

    [Fact]
    public void A_message_on_the_wrong_channel_closes_that_link()
    {
        var ensemble = new LinkTestEnsemble(this, 2).Start(1);
        using var member2 = ensemble.DialAs(2, 1, PeerChannel.Election);
        member2.Send(PeerCodec.Encode(Ping(1)));
        ExpectClosedByPeer(member2);
        ensemble.Owner(1).ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Partitioned_members_lose_their_links_until_healed()
    {
        var faults = new LinkFaultPlan();
        var ensemble = new LinkTestEnsemble(this, 3, faults).Start(1, 2, 3);
        ensemble.AwaitConnected(1, 2, 3);

        faults.Partition(1, 2);
        ensemble.Owner(1).ExpectMsg(new PeerDisconnected(2));
        ensemble.Owner(2).ExpectMsg(new PeerDisconnected(1));
        ensemble.Send(1, 2, Ping(1));
        ensemble.Send(1, 3, Ping(2));
        ensemble.Owner(3).ExpectMsg(new PeerReceived(1, Ping(2)));
        Assert.False(ensemble.Stats(1).Link(2, PeerChannel.Quorum).Connected);

        faults.Heal(1, 2);
        ensemble.AwaitConnected(1, 2, 3);
        ensemble.Send(1, 2, Ping(3));
        // Ping 1 was lost inside the outage already reported: no second PeerDisconnected, no Ping 1.
        ensemble.Owner(2).ExpectMsg(new PeerReceived(1, Ping(3)));
        ensemble.Owner(1).ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_delayed_message_holds_the_ones_after_it_and_keeps_their_order()
    {
        var faults = new LinkFaultPlan();
        faults.Add(s => s.Message is Ping { LastZxid.Counter: 10 }, LinkFault.DelayBy(TimeSpan.FromMilliseconds(400)));
        var ensemble = new LinkTestEnsemble(this, 2, faults).Start(1, 2);
        ensemble.AwaitConnected(1, 2);

        // The margin below the delay absorbs timer granularity; without the hold the block takes a few ms.
        Within(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(10), () =>
        {
            for (uint i = 1; i <= 50; i++) ensemble.Send(2, 1, Ping(i));
            for (uint i = 1; i <= 50; i++) ensemble.Owner(1).ExpectMsg(new PeerReceived(2, Ping(i)));
        });
        Assert.Equal(1, faults.Applied);
    }

    [Fact]
    public void A_duplicated_message_arrives_twice_in_its_place()
    {
        var faults = new LinkFaultPlan();
        faults.Add(s => s.Message is Ping { LastZxid.Counter: 3 }, LinkFault.Duplicate);
        var ensemble = new LinkTestEnsemble(this, 2, faults).Start(1, 2);
        ensemble.AwaitConnected(1, 2);

        for (uint i = 1; i <= 5; i++) ensemble.Send(1, 2, Ping(i));

        foreach (var n in new uint[] { 1, 2, 3, 3, 4, 5 }) ensemble.Owner(2).ExpectMsg(new PeerReceived(1, Ping(n)));
    }

    [Fact]
    public void A_reordered_message_swaps_with_the_next_one_on_its_link()
    {
        var faults = new LinkFaultPlan();
        faults.Add(s => s.Message is Ping { LastZxid.Counter: 3 }, LinkFault.Reorder);
        var ensemble = new LinkTestEnsemble(this, 2, faults).Start(1, 2);
        ensemble.AwaitConnected(1, 2);

        ensemble.Network(1).Tell(new SendBatch([.. Enumerable.Range(1, 5).Select(i => new OutgoingMessage(2, Ping((uint)i)))]));

        foreach (var n in new uint[] { 1, 2, 4, 3, 5 }) ensemble.Owner(2).ExpectMsg(new PeerReceived(1, Ping(n)));
    }

    [Fact]
    public void A_dropped_message_cuts_the_link_reports_both_sides_once_and_the_link_recovers()
    {
        var faults = new LinkFaultPlan();
        faults.Add(s => s.Message is Ping { LastZxid.Counter: 2 }, LinkFault.Drop);
        var ensemble = new LinkTestEnsemble(this, 2, faults).Start(1, 2);
        ensemble.AwaitConnected(1, 2);

        ensemble.Network(2).Tell(new SendBatch([new(1, Ping(1)), new(1, Ping(2)), new(1, Ping(3))]));

        ensemble.Owner(2).ExpectMsg(new PeerDisconnected(1));
        ensemble.Owner(1).ExpectMsg(new PeerReceived(2, Ping(1)));
        ensemble.Owner(1).ExpectMsg(new PeerDisconnected(2));
        ensemble.AwaitConnected(1, 2);
        ensemble.Send(2, 1, Ping(4));
        ensemble.Send(1, 2, Ping(5));
        ensemble.Owner(1).ExpectMsg(new PeerReceived(2, Ping(4)));
        ensemble.Owner(2).ExpectMsg(new PeerReceived(1, Ping(5)));
    }

    [Fact]
    public void A_dropped_notification_cuts_the_election_link_silently_and_it_comes_back()
    {
        var faults = new LinkFaultPlan();
        faults.Add(s => s.Message is Notification { Round: 2 }, LinkFault.Drop);
        var ensemble = new LinkTestEnsemble(this, 2, faults).Start(1, 2);
        ensemble.AwaitConnected(1, 2);

        ensemble.Network(2).Tell(new SendBatch([.. Enumerable.Range(1, 3).Select(round => new OutgoingMessage(1, Vote(2, round)))]));

        ensemble.Owner(1).ExpectMsg(new PeerReceived(2, Vote(2, 1)));
        AwaitAssert(() =>
        {
            foreach (var (me, other) in new[] { (1L, 2L), (2L, 1L) })
            {
                var link = ensemble.Stats(me).Link(other, PeerChannel.Election);
                Assert.True(link.Connected && link.Connections == 2, $"member {me} has not reconnected its election link yet");
            }
        }, TimeSpan.FromSeconds(10));
        ensemble.Send(2, 1, Vote(2, 4));
        // Round 3 went while the link was down; neither side hears of the losses.
        ensemble.Owner(1).ExpectMsg(new PeerReceived(2, Vote(2, 4)));
        ensemble.Owner(2).ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Sends_while_a_quorum_link_is_down_are_dropped_and_reported_once_and_election_losses_are_silent()
    {
        var ensemble = new LinkTestEnsemble(this, 2).Start(1);

        ensemble.Send(1, 2, Ping(1));
        ensemble.Send(1, 2, Ping(2));
        ensemble.Send(1, 2, Vote(1, 1));
        ensemble.Network(1).Tell(new SendBatch([new(2, Ping(3)), new(2, Ping(4))]));

        ensemble.Owner(1).ExpectMsg(new PeerDisconnected(2));
        ensemble.Owner(1).ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Proposals_larger_than_a_read_segment_arrive_whole_and_in_order()
    {
        var ensemble = new LinkTestEnsemble(this, 2).Start(1, 2);
        ensemble.AwaitConnected(1, 2);
        // Sizes around and far above the 64 KiB read segment, so frames straddle segment boundaries at many offsets.
        int[] sizes = [4096, 4200, 65_000, 70_000, 200_000, 4096, 17, 130_000];
        var txns = sizes.Select((size, n) => Enumerable.Range(0, size).Select(i => (byte)(i * 31 + n)).ToArray()).ToList();

        ensemble.Network(2).Tell(new SendBatch([.. txns.Select((txn, n) => new OutgoingMessage(1, new Proposal(new Zxid(1, (uint)n + 1), txn)))]));

        var received = ensemble.Owner(1).ReceiveN(txns.Count, Long).Cast<PeerReceived>().Select(r => (Proposal)r.Message).ToList();
        Assert.Equal(Enumerable.Range(1, txns.Count).Select(n => (uint)n), received.Select(p => p.Zxid.Counter));
        Assert.Equal(txns, received.Select(p => p.Txn));
    }

    [Fact]
    public void A_batch_goes_out_in_far_fewer_socket_writes_than_messages()
    {
        // Heartbeats off the table: only the batch writes on this link during the test.
        var quiet = FastSettings with { HeartbeatInterval = TimeSpan.FromSeconds(30), IdleTimeout = TimeSpan.FromSeconds(60) };
        var ensemble = new LinkTestEnsemble(this, 2, settings: quiet).Start(1, 2);
        ensemble.AwaitConnected(1, 2);
        var before = ensemble.Stats(2).Link(1, PeerChannel.Quorum);
        const int count = 500;

        ensemble.Network(2).Tell(new SendBatch([.. Enumerable.Range(1, count).Select(i => new OutgoingMessage(1, Ping((uint)i)))]));

        for (uint i = 1; i <= count; i++) ensemble.Owner(1).ExpectMsg(new PeerReceived(2, Ping(i)));
        var after = ensemble.Stats(2).Link(1, PeerChannel.Quorum);
        Assert.Equal(count, after.FramesSent - before.FramesSent);
        Assert.Equal(1, after.SocketWrites - before.SocketWrites);
    }

    [Fact]
    public void Heartbeats_keep_an_idle_link_open()
    {
        var ensemble = new LinkTestEnsemble(this, 2).Start(1, 2);
        ensemble.AwaitConnected(1, 2);

        // Nothing is sent for twice the idle timeout; only heartbeats cross the links.
        ensemble.Owner(1).ExpectNoMsg(2 * FastSettings.IdleTimeout);
        ensemble.Owner(2).ExpectNoMsg(TimeSpan.FromMilliseconds(1));

        foreach (var (me, other) in new[] { (1L, 2L), (2L, 1L) })
        {
            foreach (var channel in new[] { PeerChannel.Quorum, PeerChannel.Election })
            {
                var link = ensemble.Stats(me).Link(other, channel);
                Assert.True(link.Connected);
                Assert.Equal(1, link.Connections);
                Assert.True(link.HeartbeatsReceived > 0, $"member {me} got no heartbeat from {other} on {channel}");
            }
        }
    }

    [Fact]
    public void A_peer_that_completes_its_hello_and_then_stays_silent_is_closed_after_the_idle_timeout()
    {
        var ensemble = new LinkTestEnsemble(this, 2).Start(1);
        using var silent = ensemble.DialAs(2, 1);

        // The idle clock started when the hello was accepted, a moment before this block; hence the halved minimum.
        Within(FastSettings.IdleTimeout / 2, TimeSpan.FromSeconds(10), () => ensemble.Owner(1).ExpectMsg(new PeerDisconnected(2)));
        ExpectClosedByPeer(silent);
    }

    [Fact]
    public void A_stopped_network_closes_its_ports_and_its_connections()
    {
        var ensemble = new LinkTestEnsemble(this, 2).Start(1);
        using var member2 = ensemble.DialAs(2, 1);
        member2.Send(PeerCodec.Encode(Ping(1)));
        ensemble.Owner(1).ExpectMsg(new PeerReceived(2, Ping(1)));

        ensemble.Stop(1);

        ExpectClosedByPeer(member2);
        foreach (var port in new[] { ensemble.Peers[0].QuorumPort, ensemble.Peers[0].ElectionPort })
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            var refused = Assert.Throws<SocketException>(() => probe.Connect(new IPEndPoint(IPAddress.Loopback, port)));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }
    }
}
