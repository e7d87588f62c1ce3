using Coordinator.Actors.Zab.Core;
using Coordinator.Tests.Zab.Harness;

namespace Coordinator.Tests.Zab;

public sealed class SyncPlannerTests
{
    private static ZabEntry E(uint epoch, uint counter) => new(new Zxid(epoch, counter), [(byte)epoch, (byte)counter]);

    private static MemoryZabLog LeaderLog(params ZabEntry[] entries)
    {
        var log = new MemoryZabLog();
        log.Append(entries);
        return log;
    }

    [Fact]
    public void A_learner_whose_last_zxid_the_leader_holds_gets_DIFF_after_it()
    {
        var leader = LeaderLog(E(1, 1), E(1, 2), E(1, 3), E(2, 1));
        Assert.Equal(new SyncPlan(SyncMode.Diff, Zxid.Zero, new Zxid(1, 2)), SyncPlanner.Plan(new Zxid(1, 2), leader));
        Assert.Equal(new SyncPlan(SyncMode.Diff, Zxid.Zero, new Zxid(2, 1)), SyncPlanner.Plan(new Zxid(2, 1), leader));
        Assert.Equal(new SyncPlan(SyncMode.Diff, Zxid.Zero, Zxid.Zero), SyncPlanner.Plan(Zxid.Zero, leader));
    }

    [Fact]
    public void A_learner_ahead_of_the_leaders_last_zxid_gets_TRUNC_to_it()
    {
        var leader = LeaderLog(E(1, 1), E(1, 2));
        Assert.Equal(new SyncPlan(SyncMode.Trunc, new Zxid(1, 2), new Zxid(1, 2)), SyncPlanner.Plan(new Zxid(1, 4), leader));
    }

    [Fact]
    public void A_learner_with_a_divergent_tail_inside_the_window_gets_TRUNC_then_DIFF()
    {
        var leader = LeaderLog(E(1, 1), E(1, 2), E(2, 1), E(2, 2));
        Assert.Equal(new SyncPlan(SyncMode.TruncDiff, new Zxid(1, 2), new Zxid(1, 2)), SyncPlanner.Plan(new Zxid(1, 3), leader));
    }

    [Fact]
    public void A_learner_older_than_the_leaders_snapshot_gets_SNAP()
    {
        var leader = LeaderLog(E(1, 1), E(1, 2), E(1, 3), E(1, 4));
        leader.Compact([E(1, 1), E(1, 2)]);
        Assert.Equal(new SyncPlan(SyncMode.Snap, Zxid.Zero, new Zxid(1, 2)), SyncPlanner.Plan(new Zxid(1, 1), leader));
        Assert.Equal(new SyncPlan(SyncMode.Diff, Zxid.Zero, new Zxid(1, 2)), SyncPlanner.Plan(new Zxid(1, 2), leader));
    }

    /// <summary>
    /// Property: for random Zab-shaped histories (a leader history, and a learner that holds a prefix of it
    /// plus possibly an uncommitted tail of the epoch it stopped in), carrying out the plan makes the learner's
    /// history equal the leader's, SNAP is chosen only when the learner is older than the leader's snapshot,
    /// and TRUNC never removes an entry the leader holds.
    /// </summary>
    [Fact]
    public void Carrying_out_the_plan_always_yields_the_leaders_history()
    {
        var random = new Random(99);
        for (var round = 0; round < 3000; round++)
        {
            var history = RandomHistory(random);
            var learner = history.Take(random.Next(0, history.Count + 1)).ToList();
            if (random.Next(2) == 0) learner.AddRange(UncommittedTail(random, learner, history));
            var leader = LeaderLog([.. history]);
            var snapshotAt = random.Next(0, history.Count + 1);
            if (snapshotAt > 0) leader.Compact(history.Take(snapshotAt).ToList());
            var learnerLast = learner.Count == 0 ? Zxid.Zero : learner[^1].Zxid;

            var plan = SyncPlanner.Plan(learnerLast, leader);

            var result = Execute(plan, learner, history, leader);
            Assert.Equal(history.Select(e => e.Zxid), result.Select(e => e.Zxid));
            Assert.Equal(plan.Mode == SyncMode.Snap, learnerLast < leader.SnapshotZxid);
            if (plan.Mode is SyncMode.Trunc or SyncMode.TruncDiff)
                Assert.All(learner.Where(e => e.Zxid > plan.TruncateTo), e => Assert.DoesNotContain(e.Zxid, history.Select(h => h.Zxid)));
        }
    }

    private static List<ZabEntry> Execute(SyncPlan plan, List<ZabEntry> learner, List<ZabEntry> history, MemoryZabLog leader)
    {
        var result = plan.Mode == SyncMode.Snap
            ? history.Where(e => e.Zxid <= leader.SnapshotZxid).ToList() // the snapshot's content
            : learner.Where(e => plan.Mode == SyncMode.Diff || e.Zxid <= plan.TruncateTo).ToList();
        if (plan.Mode != SyncMode.Trunc) result.AddRange(leader.Entries(plan.SendAfter, leader.LastZxid));
        return result;
    }

    private static List<ZabEntry> RandomHistory(Random random)
    {
        var entries = new List<ZabEntry>();
        var epochs = random.Next(1, 4);
        for (uint epoch = 1; epoch <= epochs; epoch++)
        {
            var count = random.Next(0, 5);
            for (uint counter = 1; counter <= count; counter++) entries.Add(E(epoch, counter));
        }
        return entries;
    }

    /// <summary>Entries an old leader proposed after the learner's prefix that never made it into the history.</summary>
    private static IEnumerable<ZabEntry> UncommittedTail(Random random, List<ZabEntry> prefix, List<ZabEntry> history)
    {
        var last = prefix.Count == 0 ? new Zxid(1, 0) : prefix[^1].Zxid;
        var taken = history.Select(e => e.Zxid).ToHashSet();
        var next = last.Next();
        if (taken.Contains(next)) yield break; // that epoch went on in the history: no room for a divergent tail
        for (var i = random.Next(1, 4); i > 0; i--, next = next.Next())
            if (taken.Contains(next)) yield break;
            else yield return new ZabEntry(next, [0xEE]);
    }
}
