namespace Coordinator.Actors.Persistence;

/// <summary>
/// The member's txn log: entries in strictly increasing zxid order, split into segments so old
/// history can be dropped a segment at a time. Implementations are safe to call from several
/// threads, but appends are expected from one writer (see <see cref="GroupCommitJournal"/>).
/// </summary>
public interface IJournal : IDisposable
{
    /// <summary>Zxid of the newest entry, or 0 when the journal holds none.</summary>
    long LastZxid { get; }

    /// <summary>Zxid of the oldest entry still held (older ones were purged), or 0 when empty.</summary>
    long FirstZxid { get; }

    /// <summary>
    /// Appends a batch atomically; when this returns the whole batch is durable. Zxids must be strictly
    /// increasing and above <see cref="LastZxid"/>, otherwise <see cref="ArgumentException"/> and nothing is written.
    /// </summary>
    void Append(IReadOnlyList<JournalEntry> entries);

    /// <summary>Entries with zxid greater than <paramref name="afterZxid"/>, in zxid order.</summary>
    IEnumerable<JournalEntry> ReadFrom(long afterZxid);

    /// <summary>Removes every entry with zxid greater than <paramref name="zxid"/> (Zab's TRUNC).</summary>
    void TruncateAfter(long zxid);

    /// <summary>Closes the current segment; the next append starts a new one. Called after a snapshot.</summary>
    void RollSegment();

    /// <summary>
    /// Deletes whole segments that hold only entries with zxid at or below <paramref name="zxid"/>.
    /// The newest segment is never deleted. Returns how many segments went.
    /// </summary>
    int PurgeSegmentsUpTo(long zxid);
}
