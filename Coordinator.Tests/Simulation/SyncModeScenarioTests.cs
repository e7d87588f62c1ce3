using System.Text;
using Coordinator.Actors.Zab.Core;
using Coordinator.Actors.Zab.Wire;
using Coordinator.Protocol;
using Coordinator.Protocol.Records;
using Coordinator.Tests.Simulation.Ensemble;

namespace Coordinator.Tests.Simulation;

/// <summary>
/// One scenario per synchronization mode on the full simulated ensemble (real DataTrees, txns prepared by the
/// leader's RequestPrep). Each forces its mode, reads the mode from the first sync packet the learner got, and
/// checks that the learner ends with the leader's tree (same digest at the same applied zxid) and the leader's log.
/// </summary>
public sealed class SyncModeScenarioTests
{
    private int _cxid;

    private static readonly WriteTicket Ignored = new((_, _) => { }, () => { });

    private Zxid Create(SimEnsemble ensemble, SimMember leader, string path) =>
        ensemble.SubmitWrite(leader, 1, ++_cxid, OpCode.Create,
            new CreateRequest(path, Encoding.UTF8.GetBytes(path), Acls.OpenAclUnsafe, 0), Ignored);

    private static SimEnsemble Settled(int seed)
    {
        var ensemble = new SimEnsemble(seed, voters: 3) { Traffic = [] };
        ensemble.StartAll();
        Assert.True(ensemble.RunUntil(ensemble.IsSettled));
        return ensemble;
    }

    private static void Settle(SimEnsemble ensemble) => Assert.True(ensemble.RunUntil(ensemble.IsSettled), "the ensemble did not settle");

    /// <summary>Writes on the leader and waits until every alive member applied them.</summary>
    private void Commit(SimEnsemble ensemble, params string[] paths)
    {
        var leader = ensemble.Members.Single(m => m.IsServingLeader);
        foreach (var path in paths) Create(ensemble, leader, path);
        Settle(ensemble);
    }

    /// <summary>The mode of the first sync stream <paramref name="learner"/> received after traffic index <paramref name="from"/>.</summary>
    private static SyncMode FirstSyncMode(SimEnsemble ensemble, long learner, int from)
    {
        var toLearner = ensemble.Traffic!.Skip(from).Where(t => t.To == learner).Select(t => t.Message).ToList();
        var header = toLearner.FindIndex(m => m is Diff or Trunc or Snap);
        Assert.True(header >= 0, $"member {learner} got no sync stream");
        return toLearner[header] switch
        {
            Diff => SyncMode.Diff,
            Snap => SyncMode.Snap,
            _ => toLearner.Skip(header + 1).First(m => m is Proposal or NewLeader) is Proposal ? SyncMode.TruncDiff : SyncMode.Trunc,
        };
    }

    private static void AssertLearnerEqualsLeader(SimEnsemble ensemble, SimMember learner)
    {
        var leader = ensemble.StableLeader()!;
        Assert.Equal(leader.Applied, learner.Applied);
        Assert.Equal(leader.Tree.Digest(), learner.Tree.Digest());
        Assert.Equal(Actors.Tree.DataTreeSnapshot.Write(leader.Tree), Actors.Tree.DataTreeSnapshot.Write(learner.Tree));
        Assert.Equal(leader.Log.SnapshotZxid, learner.Log.SnapshotZxid);
        var leaderEntries = leader.Log.Entries(leader.Log.SnapshotZxid, leader.Log.LastZxid);
        var learnerEntries = learner.Log.Entries(learner.Log.SnapshotZxid, learner.Log.LastZxid);
        Assert.Equal(leaderEntries.Select(e => e.Zxid), learnerEntries.Select(e => e.Zxid));
        Assert.All(leaderEntries.Zip(learnerEntries), pair => Assert.Equal(pair.First.Txn, pair.Second.Txn));
    }

    [Fact]
    public void A_follower_that_missed_commits_is_synced_with_DIFF_and_ends_with_the_leaders_tree_and_log()
    {
        var ensemble = Settled(1);
        Commit(ensemble, "/before");
        var follower = ensemble.Members.First(m => !m.IsServingLeader);
        ensemble.Crash(follower.Id);
        Commit(ensemble, "/missed1", "/missed2", "/missed3");

        var mark = ensemble.Traffic!.Count;
        ensemble.Start(follower.Id);
        Settle(ensemble);

        Assert.Equal(SyncMode.Diff, FirstSyncMode(ensemble, follower.Id, mark));
        AssertLearnerEqualsLeader(ensemble, follower);
        Assert.NotNull(follower.Tree.GetNode("/missed3"));
    }

    /// <summary>
    /// The leader is cut off right after proposing txns nobody else received, and makes them durable; the rest
    /// elect a new leader (and, with <paramref name="writeInNewEpoch"/>, commit more). The old leader comes back
    /// with a tail the new history lacks.
    /// </summary>
    private SimMember IsolateLeaderWithUncommittedTail(SimEnsemble ensemble, bool writeInNewEpoch)
    {
        Commit(ensemble, "/committed");
        var old = ensemble.StableLeader()!;
        ensemble.Partition([old.Id]);
        Create(ensemble, old, "/lost1");
        Create(ensemble, old, "/lost2");
        ensemble.FlushAll();
        var others = ensemble.Members.Where(m => m != old).ToList();
        Assert.True(ensemble.RunUntil(() => others.Count(m => m.IsServingLeader) == 1 && others.All(m => m.IsServing)));
        if (writeInNewEpoch)
        {
            var leader = others.Single(m => m.IsServingLeader);
            var zxid = Create(ensemble, leader, "/new");
            Assert.True(ensemble.RunUntil(() => others.All(m => m.Applied >= zxid)));
        }
        return old;
    }

    [Fact]
    public void A_former_leader_with_an_uncommitted_tail_beyond_the_new_leaders_log_gets_TRUNC()
    {
        var ensemble = Settled(2);
        var old = IsolateLeaderWithUncommittedTail(ensemble, writeInNewEpoch: false);

        var mark = ensemble.Traffic!.Count;
        ensemble.Heal();
        Settle(ensemble);

        Assert.Equal(SyncMode.Trunc, FirstSyncMode(ensemble, old.Id, mark));
        AssertLearnerEqualsLeader(ensemble, old);
        Assert.Null(old.Tree.GetNode("/lost1"));
    }

    [Fact]
    public void A_former_leader_with_an_uncommitted_tail_below_the_new_leaders_log_gets_TRUNC_then_DIFF()
    {
        var ensemble = Settled(3);
        var old = IsolateLeaderWithUncommittedTail(ensemble, writeInNewEpoch: true);

        var mark = ensemble.Traffic!.Count;
        ensemble.Heal();
        Settle(ensemble);

        Assert.Equal(SyncMode.TruncDiff, FirstSyncMode(ensemble, old.Id, mark));
        AssertLearnerEqualsLeader(ensemble, old);
        Assert.Null(old.Tree.GetNode("/lost2"));
        Assert.NotNull(old.Tree.GetNode("/new"));
    }

    [Fact]
    public void A_follower_older_than_the_leaders_snapshot_gets_SNAP_and_its_tree_is_replaced_by_the_snapshot()
    {
        var ensemble = Settled(4);
        Commit(ensemble, "/before");
        var follower = ensemble.Members.First(m => !m.IsServingLeader);
        ensemble.Crash(follower.Id);
        Commit(ensemble, "/missed1", "/missed2");
        var leader = ensemble.StableLeader()!;
        ensemble.TakeSnapshot(leader.Id);
        Assert.Equal(leader.Applied, leader.Log.SnapshotZxid);
        Commit(ensemble, "/after-snapshot");

        var mark = ensemble.Traffic!.Count;
        ensemble.Start(follower.Id);
        Settle(ensemble);

        Assert.Equal(SyncMode.Snap, FirstSyncMode(ensemble, follower.Id, mark));
        AssertLearnerEqualsLeader(ensemble, follower);
        Assert.NotNull(follower.Tree.GetNode("/missed2"));
        Assert.NotNull(follower.Tree.GetNode("/after-snapshot"));
    }
}
