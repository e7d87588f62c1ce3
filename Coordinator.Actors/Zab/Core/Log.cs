namespace Coordinator.Actors.Zab.Core;

/// <summary>One logged transaction: its zxid and the txn bytes (opaque to Zab; TxnCodec's output).</summary>
public sealed record ZabEntry(Zxid Zxid, byte[] Txn);

/// <summary>A snapshot of the applied state at <paramref name="Zxid"/> (opaque bytes to Zab).</summary>
public sealed record ZabSnapshot(Zxid Zxid, byte[] State);

/// <summary>
/// The log as the core READS it (etcd's Storage idea). The core never writes it: the driver applies
/// <see cref="ZabReady"/>'s snapshot, truncation and appends to the store behind this interface, and
/// those changes must be visible here before the next <see cref="ZabCore.Step"/> (durability may lag;
/// see <see cref="JournalAppended"/>).
/// Entries with zxid in (<see cref="SnapshotZxid"/>, <see cref="LastZxid"/>] are in the log; anything
/// at or below <see cref="SnapshotZxid"/> exists only inside the snapshot.
/// </summary>
public interface IZabLog
{
    /// <summary>The zxid the log starts after (the newest snapshot's zxid, or zero).</summary>
    Zxid SnapshotZxid { get; }

    /// <summary>The last logged zxid (equals <see cref="SnapshotZxid"/> when the log is empty).</summary>
    Zxid LastZxid { get; }

    /// <summary>True when <paramref name="zxid"/> is <see cref="SnapshotZxid"/> or an entry in the log.</summary>
    bool Contains(Zxid zxid);

    /// <summary>The largest logged zxid at or below <paramref name="zxid"/>, or <see cref="SnapshotZxid"/> if none.</summary>
    Zxid Floor(Zxid zxid);

    /// <summary>The entries after <paramref name="after"/> up to <paramref name="upTo"/>, in zxid order.</summary>
    IReadOnlyList<ZabEntry> Entries(Zxid after, Zxid upTo);

    /// <summary>
    /// The newest snapshot: its zxid is <see cref="SnapshotZxid"/>, or a newer one's that the log has not taken in yet
    /// (callers use the zxid it carries). May be read from disk, so it is asked for only when a SNAP is sent.
    /// </summary>
    ZabSnapshot Snapshot();
}

/// <summary>What consensus must never forget across restarts (ZooKeeper's acceptedEpoch and currentEpoch files).</summary>
/// <param name="AcceptedEpoch">The newest epoch this member agreed to follow (LEADERINFO accepted).</param>
/// <param name="CurrentEpoch">The newest epoch whose history this member holds (NEWLEADER accepted).</param>
public readonly record struct HardState(uint AcceptedEpoch, uint CurrentEpoch);

/// <summary>A broken protocol invariant: a bug, never an operating error. Not caught inside the core.</summary>
public sealed class InvariantViolationException(long memberId, Zxid zxid, string message)
    : Exception($"member {memberId} at zxid {zxid}: {message}")
{
    public long MemberId { get; } = memberId;
    public Zxid Zxid { get; } = zxid;
}
