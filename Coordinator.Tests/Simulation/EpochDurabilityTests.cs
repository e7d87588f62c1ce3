using System.Text;
using Coordinator.Actors.Zab.Core;
using Coordinator.Actors.Zab.Wire;
using Coordinator.Tests.Zab.Harness;

namespace Coordinator.Tests.Simulation;

/// <summary>
/// Regressions the ensemble simulation found in the Zab core: currentEpoch was saved before the history it vouches
/// for was durable. A member that then crashed kept the new epoch but lost the entries, won the next election on
/// that epoch (votes order by currentEpoch first) and truncated committed txns away on the others.
/// Journals here flush only when the test says so, and the crash comes between the epoch and the flush.
/// </summary>
public sealed class EpochDurabilityTests
{
    private static ZabEntry Entry(uint epoch, uint counter) => new(new Zxid(epoch, counter), Encoding.UTF8.GetBytes($"e{epoch}c{counter}"));

    /// <summary>Delivers everything, ticking when the network is idle, until <paramref name="done"/> holds.</summary>
    private static void DeliverUntil(ZabCluster cluster, Func<bool> done)
    {
        for (var round = 0; round < 200 && !done(); round++)
        {
            cluster.DeliverAll();
            if (!done()) cluster.TickAll();
        }
        Assert.True(done(), "the scenario did not reach its next stage");
    }

    [Fact]
    public void A_follower_that_crashes_after_NEWLEADER_before_its_sync_is_durable_cannot_outvote_committed_txns()
    {
        // Seed 224 of the three-member sweep found this (COORDINATOR_SIM_SEED=224, before the fix).
        var cluster = new ZabCluster(7, [1, 2, 3]);
        cluster.Preload(1, new HardState(1, 1), Entry(1, 1), Entry(1, 2));
        cluster.Preload(2, new HardState(1, 1), Entry(1, 1), Entry(1, 2));
        cluster.Start(1, 2);
        Assert.Equal(2, cluster.RunUntilStable().Id); // epoch 2 commits 1.1 and 1.2 on members 1 and 2

        // Member 2 is cut off; member 3 joins 1 in epoch 3 and takes the sync stream, but never flushes it.
        cluster.Partition([2], [1, 3]);
        cluster.AutoFlush = false;
        cluster.Start(3);
        DeliverUntil(cluster, () => cluster.Sent.Any(s => s.To == 3 && s.Message is NewLeader) && cluster[3].Log.LastZxid == new Zxid(1, 2));
        cluster.DeliverAll();
        cluster.Crash(3); // loses 1.1 and 1.2; must not keep currentEpoch 3
        Assert.True(cluster[3].Saved.CurrentEpoch < 3, $"member 3 saved currentEpoch {cluster[3].Saved.CurrentEpoch} without the history");

        // The member holding the commits with the newest epoch is gone; the other holder must still win.
        cluster.Crash(1);
        cluster.Heal();
        cluster.AutoFlush = true;
        cluster.Start(3);
        var leader = cluster.RunUntilStable();
        Assert.Equal(2, leader.Id);
        Assert.Equal([new Zxid(1, 1), new Zxid(1, 2)], cluster[3].AppliedZxids.Take(2));
    }

    [Fact]
    public void A_new_leader_that_crashes_before_its_own_log_is_durable_cannot_outvote_committed_txns()
    {
        var cluster = new ZabCluster(11, [1, 2, 3]);
        cluster.Preload(1, new HardState(1, 1), Entry(1, 1));
        cluster.Preload(2, new HardState(1, 1), Entry(1, 1));
        cluster.StartAll();
        var first = cluster.RunUntilStable();
        Assert.Equal(2, first.Id);

        // 2.1 becomes durable on members 2 and 1 (a quorum: committed) but stays in member 3's page cache.
        cluster.AutoFlush = false;
        var committed = cluster.Propose(2, "committed");
        cluster.DeliverAll();
        cluster.Flush(2);
        cluster.Flush(1);
        DeliverUntil(cluster, () => cluster[2].Core!.Committed == committed);

        // Member 3 (same history, higher id) wins the next election and starts syncing epoch 3, then crashes unflushed.
        cluster.Crash(2);
        DeliverUntil(cluster, () => cluster[3].Core!.Role == Role.Leading && cluster.Sent.Any(s => s.From == 1 && s.To == 3 && s.Message is AckEpoch));
        cluster.DeliverAll();
        cluster.Crash(3);
        Assert.True(cluster[3].Saved.CurrentEpoch < 3, $"member 3 saved currentEpoch {cluster[3].Saved.CurrentEpoch} without its log durable");

        // Member 1, which holds the commit durably, is down; member 2 holds it too and must win against member 3.
        cluster.Crash(1);
        cluster.AutoFlush = true;
        cluster.Start(2, 3);
        var leader = cluster.RunUntilStable();
        Assert.Equal(2, leader.Id);
        Assert.Contains(committed, cluster[3].AppliedZxids);
    }
}
