namespace Coordinator.Actors.Persistence;

/// <summary>The snapshot store's twin for simulation tests. Data is copied in, so it cannot change afterwards.</summary>
public sealed class InMemorySnapshotStore : ISnapshotStore
{
    private readonly Lock _lock = new();
    private readonly SortedList<long, Snapshot> _snapshots = [];

    /// <inheritdoc />
    public void Save(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        lock (_lock) _snapshots[snapshot.LastZxid] = snapshot with { Data = snapshot.Data.ToArray() };
    }

    /// <inheritdoc />
    public Snapshot? LoadNewestValid()
    {
        lock (_lock) return _snapshots.Count == 0 ? null : _snapshots.Values[^1];
    }

    /// <inheritdoc />
    public Snapshot? Load(long lastZxid)
    {
        lock (_lock) return _snapshots.GetValueOrDefault(lastZxid);
    }

    /// <inheritdoc />
    public IReadOnlyList<long> List()
    {
        lock (_lock) return [.. _snapshots.Keys];
    }

    /// <inheritdoc />
    public int DeleteAllButNewest(int retainCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retainCount);
        lock (_lock)
        {
            var deleted = Math.Max(0, _snapshots.Count - retainCount);
            for (var i = 0; i < deleted; i++) _snapshots.RemoveAt(0);
            return deleted;
        }
    }
}
