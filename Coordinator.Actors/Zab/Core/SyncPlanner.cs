namespace Coordinator.Actors.Zab.Core;

/// <summary>How a leader brings a learner's log to its own.</summary>
public enum SyncMode
{
    /// <summary>The learner's last zxid is in the leader's history: send the entries after it.</summary>
    Diff,
    /// <summary>The learner has entries the leader lacks, below the leader's tail: truncate, then send the rest.</summary>
    TruncDiff,
    /// <summary>The learner is ahead of the leader's last zxid: truncate to it, nothing to send.</summary>
    Trunc,
    /// <summary>The learner is older than the leader's log window: send the snapshot and the entries after it.</summary>
    Snap,
}

/// <summary>
/// A sync decision. <see cref="TruncateTo"/> is meaningful for TRUNC and TRUNC+DIFF; the leader sends
/// its entries after <see cref="SendAfter"/> (none for TRUNC).
/// </summary>
public readonly record struct SyncPlan(SyncMode Mode, Zxid TruncateTo, Zxid SendAfter);

/// <summary>
/// Chooses DIFF, TRUNC+DIFF, TRUNC or SNAP from the learner's last zxid against the leader's log
/// window (<see cref="IZabLog.SnapshotZxid"/>, <see cref="IZabLog.LastZxid"/>].
/// Relies on Zab's prefix property: two logs holding the same zxid hold the same history up to it (one
/// leader per epoch proposes each zxid once, and a learner syncs its whole prefix from a leader before
/// it accepts that leader's proposals). So the learner's history agrees with the leader's up to the
/// largest leader zxid not above the learner's last zxid, whatever epoch that zxid is in; ZooKeeper
/// falls back to SNAP when that point lies in an older epoch, which this planner does not need to.
/// </summary>
public static class SyncPlanner
{
    public static SyncPlan Plan(Zxid learnerLast, IZabLog leader)
    {
        if (learnerLast < leader.SnapshotZxid)
            return new SyncPlan(SyncMode.Snap, Zxid.Zero, leader.SnapshotZxid);
        if (leader.Contains(learnerLast))
            return new SyncPlan(SyncMode.Diff, Zxid.Zero, learnerLast);
        var common = leader.Floor(learnerLast);
        return common == leader.LastZxid
            ? new SyncPlan(SyncMode.Trunc, common, common)
            : new SyncPlan(SyncMode.TruncDiff, common, common);
    }
}
