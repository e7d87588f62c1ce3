using Coordinator.Actors.Zab.Core;

namespace Coordinator.Tests.Zab.Harness;

/// <summary>An in-memory log a test driver writes from ZabReady; the core only reads it.</summary>
/// <param name="initial">The state before any txn (the harness's applied-entry list when omitted).</param>
internal sealed class MemoryZabLog(ZabSnapshot? initial = null) : IZabLog
{
    private readonly List<ZabEntry> _entries = [];
    private ZabSnapshot _snapshot = initial ?? new(Zxid.Zero, AppliedState.Encode([]));

    public Zxid SnapshotZxid => _snapshot.Zxid;
    public Zxid LastZxid => _entries.Count == 0 ? _snapshot.Zxid : _entries[^1].Zxid;
    public IReadOnlyList<ZabEntry> All => _entries;

    public bool Contains(Zxid zxid) => zxid == _snapshot.Zxid || Find(zxid) is not null;

    public Zxid Floor(Zxid zxid) => _entries.LastOrDefault(e => e.Zxid <= zxid)?.Zxid ?? _snapshot.Zxid;

    /// <summary>The logged entry at <paramref name="zxid"/>, or null (also for the snapshot's zxid).</summary>
    public ZabEntry? Find(Zxid zxid)
    {
        var (low, high) = (0, _entries.Count - 1);
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var order = _entries[middle].Zxid.CompareTo(zxid);
            if (order == 0) return _entries[middle];
            if (order < 0) low = middle + 1;
            else high = middle - 1;
        }
        return null;
    }

    public IReadOnlyList<ZabEntry> Entries(Zxid after, Zxid upTo) => _entries.Where(e => e.Zxid > after && e.Zxid <= upTo).ToList();

    public ZabSnapshot Snapshot() => _snapshot;

    public void Append(IEnumerable<ZabEntry> entries)
    {
        foreach (var entry in entries)
        {
            Assert.True(entry.Zxid > LastZxid, $"append {entry.Zxid} after {LastZxid}");
            _entries.Add(entry);
        }
    }

    public void TruncateAfter(Zxid zxid)
    {
        Assert.True(zxid >= _snapshot.Zxid, $"truncate to {zxid} below the snapshot {_snapshot.Zxid}");
        _entries.RemoveAll(e => e.Zxid > zxid);
    }

    public void Install(ZabSnapshot snapshot)
    {
        _snapshot = snapshot;
        _entries.Clear();
    }

    /// <summary>Snapshots the applied state and drops the entries it covers, as a member's log purge would.</summary>
    public void Compact(IReadOnlyList<ZabEntry> applied) => Compact(new ZabSnapshot(applied[^1].Zxid, AppliedState.Encode(applied)));

    /// <summary>Makes <paramref name="snapshot"/> (of applied state, at or below the last entry) the log's start.</summary>
    public void Compact(ZabSnapshot snapshot)
    {
        Assert.True(snapshot.Zxid >= _snapshot.Zxid && snapshot.Zxid <= LastZxid, $"snapshot at {snapshot.Zxid} outside the log ({_snapshot.Zxid}, {LastZxid}]");
        _snapshot = snapshot;
        _entries.RemoveAll(e => e.Zxid <= _snapshot.Zxid);
    }
}

/// <summary>The harness's stand-in for a DataTree: the list of applied entries, serializable as a snapshot.</summary>
internal static class AppliedState
{
    public static byte[] Encode(IReadOnlyList<ZabEntry> applied)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write(applied.Count);
        foreach (var entry in applied)
        {
            writer.Write(entry.Zxid.ToLong());
            writer.Write(entry.Txn.Length);
            writer.Write(entry.Txn);
        }
        writer.Flush();
        return stream.ToArray();
    }

    public static List<ZabEntry> Decode(byte[] state)
    {
        using var reader = new BinaryReader(new MemoryStream(state));
        var count = reader.ReadInt32();
        var entries = new List<ZabEntry>(count);
        for (var i = 0; i < count; i++)
        {
            var zxid = Zxid.FromLong(reader.ReadInt64());
            entries.Add(new ZabEntry(zxid, reader.ReadBytes(reader.ReadInt32())));
        }
        return entries;
    }
}
