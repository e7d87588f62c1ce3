using Microsoft.Extensions.Logging;

namespace Coordinator.Actors.Persistence;

/// <summary>
/// A member's storage after recovery: the stores, ready for new writes, and what to rebuild state from.
/// Rebuild = load <see cref="Snapshot"/> (or start empty) and apply <see cref="EntriesToReplay"/> in order.
/// </summary>
public sealed class RecoveredStorage(
    SqliteJournal journal, SqliteSnapshotStore snapshots, SqliteHardStateStore hardState, Snapshot? snapshot) : IDisposable
{
    /// <summary>The journal, its tail already validated (and cut if it was bad).</summary>
    public SqliteJournal Journal { get; } = journal;

    /// <summary>Where further snapshots go.</summary>
    public SqliteSnapshotStore Snapshots { get; } = snapshots;

    /// <summary>Hard state (epochs, vote) as last saved.</summary>
    public SqliteHardStateStore HardState { get; } = hardState;

    /// <summary>The newest snapshot that validated, or null when the member starts from an empty tree.</summary>
    public Snapshot? Snapshot { get; } = snapshot;

    /// <summary>Highest zxid the member holds: the journal's last entry, or the snapshot's when the journal is behind it.</summary>
    public long LastZxid => Math.Max(Snapshot?.LastZxid ?? 0, Journal.LastZxid);

    /// <summary>Journal entries after the snapshot, in zxid order.</summary>
    public IEnumerable<JournalEntry> EntriesToReplay() => Journal.ReadFrom(Snapshot?.LastZxid ?? 0);

    /// <inheritdoc />
    public void Dispose() => Journal.Dispose();
}

/// <summary>Opens a member's data directory after a start or a crash.</summary>
public static class Recovery
{
    /// <summary>
    /// Loads the newest snapshot that validates (invalid newer ones are logged and skipped), then opens the
    /// journal validating every entry after that snapshot, cutting and logging a bad tail. Throws
    /// <see cref="JournalCorruptException"/> when snapshots exist but none validates: replaying the journal
    /// from an empty tree would then silently miss purged history.
    /// </summary>
    public static RecoveredStorage Open(string dataDir, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        var snapshots = new SqliteSnapshotStore(dataDir, logger);
        var snapshot = snapshots.LoadNewestValid();
        if (snapshot is null && snapshots.List().Count > 0)
            throw new JournalCorruptException(
                $"No snapshot in {dataDir} validates; refusing to rebuild from the journal alone. Resync this member from the ensemble.");
        var hardState = new SqliteHardStateStore(dataDir);
        var journal = SqliteJournal.Open(dataDir, logger, snapshot?.LastZxid ?? 0);
        logger.Recovered(dataDir, snapshot?.LastZxid ?? 0, journal.LastZxid);
        return new RecoveredStorage(journal, snapshots, hardState, snapshot);
    }
}
