namespace Coordinator.Actors.Persistence;

/// <summary>A serialized data tree that contains the effect of every txn up to and including <paramref name="LastZxid"/>.</summary>
public sealed record Snapshot(long LastZxid, ReadOnlyMemory<byte> Data);

/// <summary>Snapshots of the data tree, each validated by a checksum when loaded.</summary>
public interface ISnapshotStore
{
    /// <summary>Writes a snapshot durably; when this returns it survives a crash.</summary>
    void Save(Snapshot snapshot);

    /// <summary>The newest snapshot that validates, skipping (and logging) invalid newer ones; null if there is none.</summary>
    Snapshot? LoadNewestValid();

    /// <summary>The snapshot at <paramref name="lastZxid"/> if it is stored and validates; null otherwise.</summary>
    Snapshot? Load(long lastZxid);

    /// <summary>Zxids of the stored snapshots (valid or not), oldest first.</summary>
    IReadOnlyList<long> List();

    /// <summary>Deletes all but the newest <paramref name="retainCount"/> snapshots; returns how many went.</summary>
    int DeleteAllButNewest(int retainCount);
}
