using Coordinator.Actors.Zab.Core;
using Coordinator.Actors.Zab.Wire;
using Coordinator.Tests.Zab.Harness;

namespace Coordinator.Tests.Zab;

/// <summary>
/// One ZabCore, with the test playing its peers packet by packet (the idea of ZooKeeper's Zab1_0Test
/// conversations). The test applies each Ready to an in-memory log, as a driver would.
/// </summary>
public sealed class ConversationTests
{
    private static readonly long[] Voters = [1, 2, 3];
    private readonly MemoryZabLog _log = new();

    private ZabCore NewCore(long id, HardState hardState, int finalizeWait = 0) =>
        new(new ZabConfig(id, Voters, [4]) { FinalizeWaitTicks = finalizeWait }, _log, hardState, Zxid.Zero);

    private ZabReady Step(ZabCore core, ZabInput input)
    {
        var ready = core.Step(input);
        if (ready.SnapshotToInstall is { } snapshot) _log.Install(snapshot);
        if (ready.TruncateTo is { } to) _log.TruncateAfter(to);
        _log.Append(ready.EntriesToAppend);
        return ready;
    }

    private ZabReady Receive(ZabCore core, long from, PeerMessage message) => Step(core, new PeerMessageReceived(from, message));

    private static List<PeerMessage> To(ZabReady ready, long id) => ready.MessagesToSend.Where(m => m.To == id).Select(m => m.Message).ToList();

    /// <summary>Member 2 votes for member 3 and follows it; returns the core in Following.</summary>
    private ZabCore FollowerOf3(HardState hardState)
    {
        var core = NewCore(2, hardState);
        var first = Step(core, Tick.Instance);
        Assert.Contains(first.MessagesToSend, m => m.Message is Notification { State: PeerState.Looking } n && n.Vote.Leader == 2);
        var vote = new Vote(3, Zxid.Zero, hardState.CurrentEpoch);
        var decided = Receive(core, 3, new Notification(vote, 1, PeerState.Looking));
        Assert.Equal(Role.Following, decided.RoleChanged);
        Assert.Equal(new FollowerInfo(hardState.AcceptedEpoch, _log.LastZxid), Assert.Single(To(decided, 3).OfType<FollowerInfo>()));
        return core;
    }

    [Fact]
    public void A_learner_that_registered_before_the_winner_led_is_taken_in_when_it_leads()
    {
        var core = NewCore(3, new HardState(0, 0), finalizeWait: 1);
        Step(core, Tick.Instance);
        Receive(core, 2, new Notification(new Vote(3, Zxid.Zero, 0), 1, PeerState.Looking));
        Assert.Equal(Role.Looking, core.Role);

        Assert.Empty(Receive(core, 2, new FollowerInfo(0, Zxid.Zero)).MessagesToSend);
        var leading = Step(core, Tick.Instance);

        Assert.Equal(Role.Leading, leading.RoleChanged);
        Assert.Equal(new LeaderInfo(1), Assert.Single(To(leading, 2).OfType<LeaderInfo>()));
    }

    [Fact]
    public void A_learner_registers_again_every_tick_until_its_leader_answers()
    {
        var core = FollowerOf3(new HardState(0, 0));
        var silent = Enumerable.Range(0, 3).Select(_ => Step(core, Tick.Instance)).ToList();
        Assert.All(silent, tick => Assert.Equal(new FollowerInfo(0, Zxid.Zero), Assert.Single(To(tick, 3))));

        Receive(core, 3, new LeaderInfo(1));
        var answered = Enumerable.Range(0, 3).Select(_ => Step(core, Tick.Instance)).ToList();
        Assert.DoesNotContain(answered.SelectMany(r => To(r, 3)), m => m is FollowerInfo);
    }

    [Fact]
    public void A_follower_acks_NEWLEADER_only_after_its_journal_reports_the_sync_durable()
    {
        var core = FollowerOf3(new HardState(0, 0));
        var epochAck = Receive(core, 3, new LeaderInfo(1));
        Assert.Equal(new HardState(1, 0), epochAck.HardStateToSave);
        Assert.Equal(new AckEpoch(0, Zxid.Zero), Assert.Single(To(epochAck, 3)));

        Receive(core, 3, new Diff(new Zxid(0, 0)));
        var logged = Receive(core, 3, new Proposal(new Zxid(1, 1), [1]));
        Assert.Single(logged.EntriesToAppend);
        var newLeader = Receive(core, 3, new NewLeader(1));
        Assert.Null(newLeader.HardStateToSave); // currentEpoch must not outrun the history it vouches for
        Assert.Empty(newLeader.MessagesToSend);

        var durable = Step(core, new JournalAppended(new Zxid(1, 1)));
        Assert.Equal(new HardState(1, 1), durable.HardStateToSave);
        Assert.Equal(new Ack(new Zxid(1, 0)), Assert.Single(To(durable, 3)));

        var upToDate = Receive(core, 3, new UpToDate(new Zxid(1, 1)));
        Assert.Equal(new Zxid(1, 1), upToDate.CommittedUpTo);
        Assert.True(core.IsServing);
    }

    [Fact]
    public void A_follower_acks_each_broadcast_proposal_after_it_is_durable_and_applies_commits_in_order()
    {
        var core = FollowerOf3(new HardState(0, 0));
        Receive(core, 3, new LeaderInfo(1));
        Receive(core, 3, new Diff(Zxid.Zero));
        Receive(core, 3, new NewLeader(1));
        Receive(core, 3, new UpToDate(Zxid.Zero));

        Assert.Empty(Receive(core, 3, new Proposal(new Zxid(1, 1), [1])).MessagesToSend);
        Assert.Empty(Receive(core, 3, new Proposal(new Zxid(1, 2), [2])).MessagesToSend);
        Assert.Equal(new Ack(new Zxid(1, 1)), Assert.Single(To(Step(core, new JournalAppended(new Zxid(1, 1))), 3)));
        Assert.Equal(new Ack(new Zxid(1, 2)), Assert.Single(To(Step(core, new JournalAppended(new Zxid(1, 2))), 3)));
        Assert.Equal(new Zxid(1, 2), Receive(core, 3, new Commit(new Zxid(1, 2))).CommittedUpTo);
    }

    [Fact]
    public void A_follower_drops_leader_traffic_from_anyone_but_its_leader()
    {
        var core = FollowerOf3(new HardState(0, 0));
        Receive(core, 3, new LeaderInfo(1));
        Assert.True(Receive(core, 1, new Trunc(Zxid.Zero)).IsEmpty);
        Assert.True(Receive(core, 1, new Proposal(new Zxid(1, 1), [1])).IsEmpty);
        Assert.True(Receive(core, 3, new Proposal(new Zxid(2, 1), [1])).IsEmpty); // beyond the accepted epoch
        Assert.True(Receive(core, 3, new NewLeader(2)).IsEmpty);
        Assert.Equal(Zxid.Zero, _log.LastZxid);
    }

    [Fact]
    public void A_follower_that_promised_a_newer_epoch_refuses_an_older_leader()
    {
        var core = FollowerOf3(new HardState(5, 4));
        var refused = Receive(core, 3, new LeaderInfo(3));
        Assert.Equal(Role.Looking, refused.RoleChanged);
        Assert.Null(refused.HardStateToSave);
        Assert.DoesNotContain(refused.MessagesToSend, m => m.Message is AckEpoch);
    }

    [Fact]
    public void A_follower_that_hears_nothing_within_the_sync_limit_looks_again()
    {
        var core = FollowerOf3(new HardState(0, 0));
        Receive(core, 3, new LeaderInfo(1));
        Receive(core, 3, new Diff(Zxid.Zero));
        Receive(core, 3, new NewLeader(1));
        Receive(core, 3, new UpToDate(Zxid.Zero));
        for (var i = 0; i < 10; i++) Assert.Null(Step(core, Tick.Instance).RoleChanged);
        Assert.Equal(Role.Looking, Step(core, Tick.Instance).RoleChanged);
    }

    /// <summary>Member 3 wins with member 2's vote and receives member 2's FOLLOWERINFO.</summary>
    private ZabCore LeaderWithFollower2(HardState hardState, uint followerAcceptedEpoch)
    {
        var core = NewCore(3, hardState);
        Step(core, Tick.Instance);
        var vote = new Vote(3, _log.LastZxid, hardState.CurrentEpoch);
        Assert.Equal(Role.Leading, Receive(core, 2, new Notification(vote, 1, PeerState.Looking)).RoleChanged);
        var epoch = Receive(core, 2, new FollowerInfo(followerAcceptedEpoch, Zxid.Zero));
        Assert.Equal(new LeaderInfo(Math.Max(hardState.AcceptedEpoch, followerAcceptedEpoch) + 1), Assert.Single(To(epoch, 2)));
        Assert.Equal(Math.Max(hardState.AcceptedEpoch, followerAcceptedEpoch) + 1, epoch.HardStateToSave!.Value.AcceptedEpoch);
        return core;
    }

    [Theory]
    [InlineData(2u, 2u, 6u)]
    [InlineData(4u, 1u, 1u)]
    public void A_leader_picks_an_epoch_above_every_accepted_epoch_it_heard(uint acceptedEpoch, uint currentEpoch, uint followerAcceptedEpoch) =>
        LeaderWithFollower2(new HardState(acceptedEpoch, currentEpoch), followerAcceptedEpoch); // asserts max + 1

    [Fact]
    public void A_leader_gives_up_when_a_follower_has_a_newer_history()
    {
        var core = LeaderWithFollower2(new HardState(1, 1), followerAcceptedEpoch: 1);
        var ahead = Receive(core, 2, new AckEpoch(1, new Zxid(1, 9)));
        Assert.Equal(Role.Looking, ahead.RoleChanged);
        Assert.DoesNotContain(ahead.MessagesToSend, m => m.Message is NewLeader);
    }

    [Fact]
    public void A_leader_refuses_client_txns_until_a_quorum_acked_NEWLEADER_and_then_numbers_them_from_counter_one()
    {
        var core = LeaderWithFollower2(new HardState(0, 0), followerAcceptedEpoch: 0);
        Assert.NotNull(Step(core, new ClientTxnProposed([1])).Rejection);
        var sync = Receive(core, 2, new AckEpoch(0, Zxid.Zero));
        Assert.Equal([typeof(Diff), typeof(NewLeader)], To(sync, 2).Select(m => m.GetType()));
        Assert.NotNull(Step(core, new ClientTxnProposed([1])).Rejection);

        var established = Receive(core, 2, new Ack(new Zxid(1, 0)));
        Assert.Equal(new UpToDate(Zxid.Zero), Assert.Single(To(established, 2)));
        var proposed = Step(core, new ClientTxnProposed([7]));
        Assert.Equal(new Zxid(1, 1), proposed.Proposed);
        Assert.Equal(new Zxid(1, 1), Assert.IsType<Proposal>(Assert.Single(To(proposed, 2))).Zxid);

        // The follower's durable ack alone is a quorum of 2 out of 3 only with the leader's own durable copy.
        Assert.Null(Receive(core, 2, new Ack(new Zxid(1, 1))).CommittedUpTo);
        var committed = Step(core, new JournalAppended(new Zxid(1, 1)));
        Assert.Equal(new Zxid(1, 1), committed.CommittedUpTo);
        Assert.Equal(new Commit(new Zxid(1, 1)), Assert.Single(To(committed, 2)));
    }

    [Fact]
    public void A_non_leader_rejects_client_txns()
    {
        var core = NewCore(1, new HardState(0, 0));
        var ready = Step(core, new ClientTxnProposed([1]));
        Assert.Contains("not the leader", ready.Rejection);
        Assert.Empty(ready.EntriesToAppend);
    }

    [Fact]
    public void A_driver_that_skipped_an_append_is_caught_at_the_next_step()
    {
        var core = FollowerOf3(new HardState(0, 0));
        Receive(core, 3, new LeaderInfo(1));
        Receive(core, 3, new Diff(Zxid.Zero));
        core.Step(new PeerMessageReceived(3, new Proposal(new Zxid(1, 1), [1]))); // Ready dropped on the floor
        Assert.Throws<InvariantViolationException>(() => core.Step(Tick.Instance));
    }
}
