using Microsoft.Extensions.Logging;

namespace Coordinator.Actors.Persistence;

/// <summary>
/// Purge policy: keep the newest <c>retainCount</c> snapshots and every journal entry after the oldest of them,
/// so recovery can fall back to any retained snapshot and still replay to the end.
/// </summary>
public static class Retention
{
    /// <summary>Default number of snapshots kept.</summary>
    public const int DefaultRetainCount = 3;

    /// <summary>Deletes old snapshots, then the journal segments that only hold entries at or below the oldest kept one.</summary>
    public static (int Snapshots, int Segments) Purge(ISnapshotStore snapshots, IJournal journal, ILogger logger, int retainCount = DefaultRetainCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retainCount, 1);
        var deletedSnapshots = snapshots.DeleteAllButNewest(retainCount);
        var kept = snapshots.List();
        var deletedSegments = kept.Count == 0 ? 0 : journal.PurgeSegmentsUpTo(kept[0]);
        logger.Purged(deletedSnapshots, deletedSegments);
        return (deletedSnapshots, deletedSegments);
    }
}
