using System.Text;
using Coordinator.Actors.Zab.Core;
using Coordinator.Actors.Zab.Wire;
using Coordinator.Tests.Zab.Harness;

namespace Coordinator.Tests.Zab;

public sealed class EnsembleScenarioTests
{
    private static readonly long[] Three = [1, 2, 3];

    private static ZabEntry Entry(uint epoch, uint counter, string txn = "") =>
        new(new Zxid(epoch, counter), Encoding.UTF8.GetBytes(txn.Length == 0 ? $"e{epoch}c{counter}" : txn));

    private static ZabEntry[] Epoch1(uint count) => Enumerable.Range(1, (int)count).Select(c => Entry(1, (uint)c)).ToArray();

    private static void ProposeAndCommit(ZabCluster cluster, int count, string prefix, long[]? waitFor = null)
    {
        var leader = cluster.Leader!;
        Zxid last = default;
        for (var i = 0; i < count; i++) last = cluster.Propose(leader.Id, $"{prefix}{i}");
        var members = waitFor?.Select(id => cluster[id]) ?? cluster.Alive;
        cluster.RunUntil(() => members.All(m => m.Core!.Committed >= last));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Three_fresh_members_elect_exactly_one_leader_the_one_with_the_highest_id(int seed)
    {
        var cluster = new ZabCluster(seed, Three);
        cluster.StartAll();
        var leader = cluster.RunUntilStable();
        Assert.Equal(3, leader.Id);
        Assert.Single(cluster.Alive, m => m.Core!.Role == Role.Leading);
        Assert.All(cluster.Alive.Where(m => m.Id != 3), m => Assert.Equal(Role.Following, m.Core!.Role));
        Assert.All(cluster.Alive, m => Assert.Equal(new HardState(1, 1), m.Core!.HardState));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void The_member_with_the_highest_epoch_then_zxid_wins_over_a_higher_id(int seed)
    {
        // Epoch 2 was established by members 1 and 2 from history (1,1),(1,2); member 3 missed it and still
        // holds (1,3..5), which were never committed. Votes rank member 1 (epoch 2, zxid (2,1)) above member 2
        // (epoch 2, older zxid) above member 3 (epoch 1, despite its higher zxid and id).
        var cluster = new ZabCluster(seed, Three, tune: c => c with { FinalizeWaitTicks = 3 });
        cluster.Preload(1, new HardState(2, 2), [.. Epoch1(2), Entry(2, 1)]);
        cluster.Preload(2, new HardState(2, 2), Epoch1(2));
        cluster.Preload(3, new HardState(1, 1), Epoch1(5));
        cluster.StartAll();
        var leader = cluster.RunUntilStable();
        Assert.Equal(1, leader.Id);
        Assert.Equal(3u, leader.Core!.HardState.CurrentEpoch);
        Assert.All(cluster.Alive, m => Assert.Equal([new Zxid(1, 1), new Zxid(1, 2), new Zxid(2, 1)], m.Log.All.Select(e => e.Zxid)));
    }

    [Fact]
    public void Among_equal_histories_the_highest_id_wins()
    {
        var cluster = new ZabCluster(5, Three);
        foreach (var id in Three) cluster.Preload(id, new HardState(1, 1), Epoch1(3));
        cluster.StartAll();
        Assert.Equal(3, cluster.RunUntilStable().Id);
    }

    [Fact]
    public void Leader_commits_only_after_a_quorum_of_durable_acks()
    {
        var cluster = new ZabCluster(11, Three);
        cluster.StartAll();
        var leader = cluster.RunUntilStable();
        cluster.AutoFlush = false;
        var zxid = cluster.Propose(leader.Id, "a");
        cluster.DeliverAll();
        cluster.Flush(leader.Id);
        cluster.DeliverAll();

        Assert.DoesNotContain(cluster.Sent, s => s.Message is Ack a && a.Zxid == zxid);
        Assert.True(leader.Core!.Committed < zxid, "committed with only the leader's own durable copy");
        Assert.All(cluster.Members.Values, m => Assert.Empty(m.Applied));

        var follower = cluster.Alive.First(m => m.Id != leader.Id);
        cluster.Flush(follower.Id);
        Assert.Contains(cluster.Sent, s => s.From == follower.Id && s.Message is Ack a && a.Zxid == zxid);
        cluster.DeliverAll();
        Assert.Equal(zxid, leader.Core.Committed);
        Assert.Equal([zxid], leader.AppliedZxids);
        Assert.Equal([zxid], follower.AppliedZxids);
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public void Proposals_commit_strictly_in_zxid_order_with_many_in_flight(int seed)
    {
        var cluster = new ZabCluster(seed, [1, 2, 3, 4, 5]);
        cluster.StartAll();
        var leader = cluster.RunUntilStable();
        var proposed = Enumerable.Range(0, 200).Select(i => cluster.Propose(leader.Id, $"t{i}")).ToList();
        Assert.Equal(proposed.Order(), proposed);

        var commitMessages = cluster.Sent.Count;
        cluster.RunUntil(() => cluster.Alive.All(m => m.Core!.Committed == proposed[^1]));
        Assert.All(cluster.Alive, m => Assert.Equal(proposed, m.AppliedZxids));
        var commits = cluster.Sent.Skip(commitMessages).Where(s => s.Message is Commit).Select(s => ((Commit)s.Message).Zxid).ToList();
        Assert.Equal(commits.Distinct().Order(), commits.Distinct());
        Assert.True(commits.Distinct().Count() < proposed.Count, "a commit should cover several pipelined proposals");
    }

    [Fact]
    public void A_follower_behind_the_leader_is_synced_with_DIFF_and_ends_with_the_leaders_log()
    {
        var cluster = new ZabCluster(31, Three);
        cluster.Preload(1, new HardState(1, 1), Epoch1(6));
        cluster.Preload(2, new HardState(1, 1), Epoch1(6));
        cluster.Preload(3, new HardState(1, 1), Epoch1(2));
        cluster.StartAll();
        var leader = cluster.RunUntilStable();
        Assert.Equal(2, leader.Id);

        var toThree = cluster.Sent.Where(s => s.To == 3 && s.From == 2).Select(s => s.Message).ToList();
        Assert.Contains(toThree, m => m is Diff);
        Assert.DoesNotContain(toThree, m => m is Trunc or Snap);
        Assert.Equal(Enumerable.Range(3, 4).Select(c => new Zxid(1, (uint)c)), toThree.OfType<Proposal>().Select(p => p.Zxid));
        AssertSameLog(leader, cluster[3]);
        Assert.Equal(leader.AppliedZxids, cluster[3].AppliedZxids);
    }

    [Fact]
    public void A_follower_with_an_uncommitted_tail_beyond_the_leader_gets_TRUNC()
    {
        var cluster = new ZabCluster(32, Three);
        cluster.Preload(1, new HardState(1, 1), Epoch1(3));
        cluster.Preload(2, new HardState(1, 1), Epoch1(3));
        cluster.Preload(3, new HardState(1, 1), [.. Epoch1(3), Entry(1, 4, "never committed")]);
        cluster.Start(1, 2);
        var leader = cluster.RunUntilStable();
        cluster.Start(3);
        cluster.RunUntilStable();

        var toThree = cluster.Sent.Where(s => s.To == 3 && s.From == leader.Id).Select(s => s.Message).ToList();
        Assert.Contains(new Trunc(new Zxid(1, 3)), toThree);
        Assert.DoesNotContain(toThree, m => m is Diff or Snap or Proposal);
        AssertSameLog(leader, cluster[3]);
    }

    [Fact]
    public void A_follower_with_a_divergent_tail_below_the_leaders_tail_gets_TRUNC_then_DIFF()
    {
        var cluster = new ZabCluster(33, Three);
        cluster.Preload(1, new HardState(1, 1), Epoch1(3));
        cluster.Preload(2, new HardState(1, 1), Epoch1(3));
        cluster.Preload(3, new HardState(1, 1), [.. Epoch1(3), Entry(1, 4, "never committed")]);
        cluster.Start(1, 2);
        var leader = cluster.RunUntilStable();
        ProposeAndCommit(cluster, 3, "new");
        cluster.Start(3);
        cluster.RunUntilStable();

        var toThree = cluster.Sent.Where(s => s.To == 3 && s.From == leader.Id).Select(s => s.Message).ToList();
        Assert.Contains(new Trunc(new Zxid(1, 3)), toThree);
        Assert.Equal(3, toThree.OfType<Proposal>().Count());
        AssertSameLog(leader, cluster[3]);
        Assert.Equal(leader.AppliedZxids, cluster[3].AppliedZxids);
        Assert.DoesNotContain(cluster[3].Applied, e => Encoding.UTF8.GetString(e.Txn) == "never committed");
    }

    [Fact]
    public void A_follower_older_than_the_leaders_log_window_gets_SNAP_and_then_the_entries_after_it()
    {
        var cluster = new ZabCluster(34, Three);
        cluster.Start(1, 2);
        var leader = cluster.RunUntilStable();
        ProposeAndCommit(cluster, 10, "old");
        foreach (var member in cluster.Alive) member.Log.Compact(member.Applied);
        ProposeAndCommit(cluster, 2, "new");
        cluster.Start(3);
        cluster.RunUntilStable();

        var toThree = cluster.Sent.Where(s => s.To == 3 && s.From == leader.Id).Select(s => s.Message).ToList();
        var snap = Assert.Single(toThree.OfType<Snap>());
        Assert.Equal(leader.Log.SnapshotZxid, snap.SnapshotZxid);
        Assert.Equal(2, toThree.OfType<Proposal>().Count());
        AssertSameLog(leader, cluster[3]);
        Assert.Equal(leader.AppliedZxids, cluster[3].AppliedZxids);
    }

    [Theory]
    [InlineData(41)]
    [InlineData(42)]
    [InlineData(43)]
    public void Leader_crash_elects_a_new_leader_in_a_higher_epoch_and_loses_nothing_committed(int seed)
    {
        var cluster = new ZabCluster(seed, Three);
        cluster.StartAll();
        var first = cluster.RunUntilStable();
        ProposeAndCommit(cluster, 5, "before");
        var committed = first.AppliedZxids.ToList();
        var firstEpoch = first.Core!.HardState.CurrentEpoch;

        cluster.Crash(first.Id);
        var second = cluster.RunUntilStable();
        Assert.NotEqual(first.Id, second.Id);
        Assert.True(second.Core!.HardState.CurrentEpoch > firstEpoch);
        ProposeAndCommit(cluster, 3, "after");
        Assert.All(cluster.Alive, m => Assert.Equal(committed, m.AppliedZxids.Take(committed.Count)));

        cluster.Start(first.Id);
        cluster.RunUntilStable();
        AssertSameLog(second, first);
        Assert.Equal(second.AppliedZxids, first.AppliedZxids);
    }

    [Fact]
    public void Observers_receive_INFORM_and_never_count_toward_quorum()
    {
        var cluster = new ZabCluster(51, [1, 2, 3], observers: [4, 5]);
        cluster.StartAll();
        var leader = cluster.RunUntilStable();
        Assert.NotEqual(4, leader.Id);
        Assert.Equal(Role.Observing, cluster[4].Core!.Role);
        ProposeAndCommit(cluster, 3, "seen");
        Assert.Equal(leader.AppliedZxids, cluster[4].AppliedZxids);
        Assert.Contains(cluster.Sent, s => s.To == 4 && s.Message is Inform);
        Assert.DoesNotContain(cluster.Sent, s => s.To is 4 or 5 && s.Message is Proposal { Zxid.Counter: > 0 } p && p.Zxid.Epoch == leader.Core!.HardState.CurrentEpoch);
        Assert.DoesNotContain(cluster.Sent, s => s.From is 4 or 5 && s.Message is Ack { Zxid.Counter: > 0 });

        // Two voters down: the leader plus two observers is not a quorum.
        foreach (var id in new long[] { 1, 2, 3 }.Where(id => id != leader.Id)) cluster.Crash(id);
        var stuck = cluster.Propose(leader.Id, "unreachable quorum");
        cluster.DeliverAll();
        Assert.True(leader.Core!.Committed < stuck);
        Assert.DoesNotContain(stuck, cluster[4].AppliedZxids);
        cluster.RunUntil(() => leader.Core.Role == Role.Looking);
    }

    [Theory]
    [InlineData(61)]
    [InlineData(62)]
    public void A_minority_partition_cannot_elect_or_commit(int seed)
    {
        var cluster = new ZabCluster(seed, [1, 2, 3, 4, 5]);
        cluster.StartAll();
        var old = cluster.RunUntilStable();
        ProposeAndCommit(cluster, 2, "before");
        var minority = new[] { old.Id, old.Id == 1 ? 2 : 1 };
        var majority = cluster.Members.Keys.Except(minority).ToArray();
        cluster.Partition(minority, majority);

        var lost = cluster.Propose(old.Id, "minority write");
        cluster.RunUntil(() => cluster.Leader is { } l && majority.Contains(l.Id) && majority.All(id => cluster[id].Core!.IsServing));
        ProposeAndCommit(cluster, 2, "majority", waitFor: majority);
        Assert.All(minority, id => Assert.NotEqual(Role.Leading, cluster[id].Core!.Role));
        Assert.All(minority, id => Assert.DoesNotContain(lost, cluster[id].AppliedZxids));
        for (var i = 0; i < 100; i++) cluster.TickAll();
        Assert.All(minority, id => Assert.Equal(Role.Looking, cluster[id].Core!.Role));

        cluster.Heal();
        var leader = cluster.RunUntilStable();
        Assert.Contains(leader.Id, majority);
        Assert.All(cluster.Alive, m => Assert.DoesNotContain(lost, m.Log.All.Select(e => e.Zxid)));
        Assert.All(cluster.Alive, m => AssertSameLog(leader, m));
    }

    private static void AssertSameLog(ZabCluster.Member expected, ZabCluster.Member actual)
    {
        Assert.Equal(expected.Log.All.Select(e => e.Zxid), actual.Log.All.Select(e => e.Zxid));
        Assert.Equal(expected.Log.All.Select(e => Encoding.UTF8.GetString(e.Txn)), actual.Log.All.Select(e => Encoding.UTF8.GetString(e.Txn)));
    }
}
