using Coordinator.Actors.Persistence;
using Coordinator.Actors.Txns;
using Coordinator.Actors.Zab.Core;

namespace Coordinator.Actors.Zab.Peer;

/// <summary>
/// A member's Zab log: what <see cref="IZabLog"/> reads, and the writes a <see cref="ZabReady"/> asks for. Entries
/// after the newest snapshot stay in memory (the leader syncs learners and informs observers from them, and the
/// member applies commits from them); the journal makes them durable, the snapshot store keeps installed snapshots.
/// Used only from the member actor's thread.
/// </summary>
public sealed class ZabJournalLog : IZabLog
{
    private readonly List<ZabEntry> _entries;
    private readonly GroupCommitJournal _journal;
    private readonly ISnapshotStore _snapshots;
    private ZabSnapshot _snapshot;

    /// <param name="snapshot">The newest snapshot (or the empty tree at zxid 0).</param>
    /// <param name="entries">The journaled entries after it, in zxid order.</param>
    public ZabJournalLog(ZabSnapshot snapshot, IEnumerable<ZabEntry> entries, GroupCommitJournal journal, ISnapshotStore snapshots)
    {
        _snapshot = snapshot;
        _entries = entries.Where(e => e.Zxid > snapshot.Zxid).ToList();
        _journal = journal;
        _snapshots = snapshots;
    }

    public Zxid SnapshotZxid => _snapshot.Zxid;

    public Zxid LastZxid => _entries.Count > 0 ? _entries[^1].Zxid : _snapshot.Zxid;

    public bool Contains(Zxid zxid) => zxid == SnapshotZxid || IndexOf(zxid) >= 0;

    public Zxid Floor(Zxid zxid)
    {
        var index = IndexOf(zxid);
        if (index >= 0) return zxid;
        var below = ~index - 1;
        return below >= 0 ? _entries[below].Zxid : SnapshotZxid;
    }

    public IReadOnlyList<ZabEntry> Entries(Zxid after, Zxid upTo)
    {
        var first = IndexOf(after) is var at && at >= 0 ? at + 1 : ~at;
        var last = IndexOf(upTo) is var end && end >= 0 ? end : ~end - 1;
        return last < first ? [] : _entries.GetRange(first, last - first + 1);
    }

    public ZabSnapshot Snapshot() => _snapshot;

    /// <summary>Logs <paramref name="entry"/> now and makes it durable in the journal's next group commit.</summary>
    public void Append(ZabEntry entry, Action<JournalAppendResult> durable)
    {
        _entries.Add(entry);
        _journal.Enqueue(new JournalEntry(entry.Zxid.ToLong(), (int)TxnCodec.OpCodeOf(entry.Txn), entry.Txn), durable);
    }

    /// <summary>Zab's TRUNC: drops every entry above <paramref name="zxid"/>, durably, before anything else happens.</summary>
    public void TruncateAfter(Zxid zxid)
    {
        _journal.TruncateAfter(zxid.ToLong());
        _entries.RemoveAll(e => e.Zxid > zxid);
    }

    /// <summary>Zab's SNAP: the snapshot replaces the whole log, durably, before anything else happens.</summary>
    public void Install(ZabSnapshot snapshot)
    {
        _snapshots.Save(new Snapshot(snapshot.Zxid.ToLong(), snapshot.State));
        _journal.TruncateAfter(snapshot.Zxid.ToLong());
        _entries.Clear();
        _snapshot = snapshot;
    }

    /// <summary>
    /// The member took a snapshot of its applied state: learners that far behind get it, and the entries it covers
    /// leave memory (the journal keeps them until retention purges them). One older than the current snapshot (it was
    /// serialized while the leader's snapshot was installed) changes nothing.
    /// </summary>
    public void SnapshotTaken(ZabSnapshot snapshot)
    {
        if (snapshot.Zxid <= _snapshot.Zxid) return;
        _snapshot = snapshot;
        _entries.RemoveAll(e => e.Zxid <= snapshot.Zxid);
    }

    private int IndexOf(Zxid zxid)
    {
        int low = 0, high = _entries.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var order = _entries[mid].Zxid.CompareTo(zxid);
            if (order == 0) return mid;
            if (order < 0) low = mid + 1;
            else high = mid - 1;
        }
        return ~low;
    }
}
