using Coordinator.Actors.Persistence;
using Coordinator.Actors.Txns;
using Coordinator.Actors.Zab.Core;

namespace Coordinator.Actors.Zab.Peer;

/// <summary>
/// A member's Zab log: what <see cref="IZabLog"/> reads, and the writes a <see cref="ZabReady"/> asks for.
/// Memory holds the zxid of every entry after the newest snapshot (8 bytes each, for sync planning) but the txns
/// only of the newest ones: those not yet durable, plus a tail of about <c>memoryTailBytes</c> that covers commits
/// still to be applied and learners slightly behind. Older txns are read back from the journal, and a SNAP's
/// snapshot from the snapshot store, only when a sync needs them (as ZooKeeper keeps a bounded committed log and
/// reads the rest from its txn log files). Used only from the member actor's thread.
/// </summary>
public sealed class ZabJournalLog : IZabLog
{
    /// <summary>What one in-memory entry costs besides its txn bytes (the entry and the array headers), for the budget.</summary>
    private const int EntryOverheadBytes = 64;

    private readonly GroupCommitJournal _journal;
    private readonly IJournal _history;
    private readonly ISnapshotStore _snapshots;
    private readonly long _memoryTailBytes;

    /// <summary>Every logged zxid after the snapshot, in order; the in-memory entries are a suffix of these.</summary>
    private readonly List<Zxid> _zxids = [];

    /// <summary>The newest entries with their txns: <c>_recent[_recentStart..]</c> (the head is dropped lazily).</summary>
    private readonly List<ZabEntry> _recent = [];
    private int _recentStart;
    private long _recentBytes;

    /// <summary>The highest zxid the journal reported durable; written by the journal's writer thread.</summary>
    private long _durable;
    private Action<JournalAppendResult>? _durableCallback;
    private Action<JournalAppendResult>? _trackingCallback;

    private Zxid _snapshotZxid;

    /// <summary>The snapshot the member started from while it is not in the store (a fresh member's initial tree).</summary>
    private ZabSnapshot? _unstoredSnapshot;

    /// <param name="snapshotZxid">The zxid of the snapshot the member starts from.</param>
    /// <param name="unstoredState">
    /// That snapshot's bytes when the store does not hold it (a fresh member's initial tree); null when it does.
    /// </param>
    /// <param name="entries">The journaled entries after it, in zxid order.</param>
    /// <param name="journal">Where appends go.</param>
    /// <param name="history">The journal behind <paramref name="journal"/>, read back for entries no longer in memory.</param>
    /// <param name="snapshots">Where installed snapshots go and SNAP syncs read from.</param>
    /// <param name="memoryTailBytes">Durable txn bytes kept in memory besides the zxid index.</param>
    public ZabJournalLog(Zxid snapshotZxid, byte[]? unstoredState, IEnumerable<ZabEntry> entries, GroupCommitJournal journal,
        IJournal history, ISnapshotStore snapshots, long memoryTailBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(memoryTailBytes);
        _journal = journal;
        _history = history;
        _snapshots = snapshots;
        _memoryTailBytes = memoryTailBytes;
        _snapshotZxid = snapshotZxid;
        _unstoredSnapshot = unstoredState is null ? null : new ZabSnapshot(snapshotZxid, unstoredState);
        foreach (var entry in entries.Where(e => e.Zxid > snapshotZxid))
        {
            Remember(entry);
            _durable = entry.Zxid.ToLong(); // read from the journal, so durable
            TrimTail();
        }
    }

    public Zxid SnapshotZxid => _snapshotZxid;

    public Zxid LastZxid => _zxids.Count > 0 ? _zxids[^1] : _snapshotZxid;

    /// <summary>Entries held with their txns in memory (the rest are read back from the journal when asked for).</summary>
    public int EntriesInMemory => _recent.Count - _recentStart;

    public bool Contains(Zxid zxid) => zxid == SnapshotZxid || _zxids.BinarySearch(zxid) >= 0;

    public Zxid Floor(Zxid zxid)
    {
        var index = _zxids.BinarySearch(zxid);
        if (index >= 0) return zxid;
        var below = ~index - 1;
        return below >= 0 ? _zxids[below] : SnapshotZxid;
    }

    /// <summary>How many entries lie after <paramref name="zxid"/>; never reads the journal.</summary>
    public int CountAfter(Zxid zxid) => _zxids.Count - FirstIndexAfter(zxid);

    public IReadOnlyList<ZabEntry> Entries(Zxid after, Zxid upTo)
    {
        var first = FirstIndexAfter(after);
        var last = _zxids.BinarySearch(upTo) is var end && end >= 0 ? end : ~end - 1;
        if (last < first) return [];
        var result = new List<ZabEntry>(last - first + 1);
        var firstInMemory = _zxids.Count - EntriesInMemory;
        if (first < firstInMemory) ReadBack(first, Math.Min(last, firstInMemory - 1), result);
        for (var i = Math.Max(first, firstInMemory); i <= last; i++) result.Add(_recent[_recentStart + i - firstInMemory]);
        return result;
    }

    /// <summary>
    /// The snapshot at <see cref="SnapshotZxid"/>, loaded from the store. Should retention have deleted it already (a
    /// newer one was saved before this log heard of it), the newest stored one, which is newer still.
    /// </summary>
    public ZabSnapshot Snapshot()
    {
        if (_unstoredSnapshot is { } initial) return initial;
        var stored = _snapshots.Load(_snapshotZxid.ToLong())
            ?? (_snapshots.LoadNewestValid() is { } newest && newest.LastZxid > _snapshotZxid.ToLong() ? newest : null)
            ?? throw new InvalidOperationException($"The snapshot at zxid {_snapshotZxid} is neither stored nor superseded by a newer one");
        return new ZabSnapshot(Zxid.FromLong(stored.LastZxid), WholeArrays.Of(stored.Data));
    }

    /// <summary>Logs <paramref name="entry"/> now and makes it durable in the journal's next group commit.</summary>
    public void Append(ZabEntry entry, Action<JournalAppendResult> durable)
    {
        Remember(entry);
        _journal.Enqueue(new JournalEntry(entry.Zxid.ToLong(), (int)TxnCodec.OpCodeOf(entry.Txn), entry.Txn), Tracking(durable));
        TrimTail();
    }

    /// <summary>Zab's TRUNC: drops every entry above <paramref name="zxid"/>, durably, before anything else happens.</summary>
    public void TruncateAfter(Zxid zxid)
    {
        _journal.TruncateAfter(zxid.ToLong());
        var keep = FirstIndexAfter(zxid);
        var dropped = _zxids.Count - keep;
        _zxids.RemoveRange(keep, dropped);
        var droppedInMemory = Math.Min(dropped, EntriesInMemory);
        for (var i = _recent.Count - droppedInMemory; i < _recent.Count; i++) _recentBytes -= CostOf(_recent[i]);
        _recent.RemoveRange(_recent.Count - droppedInMemory, droppedInMemory);
        // The journal has finished every queued append, so no callback can raise this again.
        Volatile.Write(ref _durable, Math.Min(Volatile.Read(ref _durable), zxid.ToLong()));
    }

    /// <summary>Zab's SNAP: the snapshot replaces the whole log, durably, before anything else happens.</summary>
    public void Install(ZabSnapshot snapshot)
    {
        _snapshots.Save(new Snapshot(snapshot.Zxid.ToLong(), snapshot.State));
        _journal.TruncateAfter(snapshot.Zxid.ToLong());
        _zxids.Clear();
        _recent.Clear();
        _recentStart = 0;
        _recentBytes = 0;
        Volatile.Write(ref _durable, Math.Min(Volatile.Read(ref _durable), snapshot.Zxid.ToLong()));
        _snapshotZxid = snapshot.Zxid;
        _unstoredSnapshot = null;
    }

    /// <summary>
    /// The member saved a snapshot of its applied state at <paramref name="zxid"/>: learners that far behind get it,
    /// and the entries it covers leave the log (the journal keeps them until retention purges them). One older than
    /// the current snapshot (it was taken while the leader's snapshot was installed) changes nothing.
    /// </summary>
    public void SnapshotSaved(Zxid zxid)
    {
        if (zxid <= _snapshotZxid) return;
        _snapshotZxid = zxid;
        _unstoredSnapshot = null;
        var covered = FirstIndexAfter(zxid);
        var firstInMemory = _zxids.Count - EntriesInMemory;
        for (var i = firstInMemory; i < covered; i++) DropOldestInMemory();
        _zxids.RemoveRange(0, covered);
    }

    private void Remember(ZabEntry entry)
    {
        _zxids.Add(entry.Zxid);
        _recent.Add(entry);
        _recentBytes += CostOf(entry);
    }

    /// <summary>Drops the oldest in-memory txns beyond the budget, but never one the journal has not made durable yet.</summary>
    private void TrimTail()
    {
        var durable = Volatile.Read(ref _durable);
        while (_recentBytes > _memoryTailBytes && EntriesInMemory > 0 && _recent[_recentStart].Zxid.ToLong() <= durable)
            DropOldestInMemory();
    }

    private void DropOldestInMemory()
    {
        _recentBytes -= CostOf(_recent[_recentStart]);
        _recent[_recentStart++] = null!;
        if (_recentStart >= 1024 && _recentStart * 2 >= _recent.Count)
        {
            _recent.RemoveRange(0, _recentStart);
            _recentStart = 0;
        }
    }

    /// <summary>Reads the entries at index <paramref name="from"/>..<paramref name="to"/> of the zxid index back from the journal.</summary>
    private void ReadBack(int from, int to, List<ZabEntry> into)
    {
        var expected = from;
        foreach (var stored in _history.ReadFrom(_zxids[from].ToLong() - 1))
        {
            if (expected > to) break;
            var zxid = Zxid.FromLong(stored.Zxid);
            if (zxid != _zxids[expected])
                throw new JournalCorruptException($"The journal holds zxid {zxid} where the Zab log has {_zxids[expected]}");
            into.Add(new ZabEntry(zxid, WholeArrays.Of(stored.Payload)));
            expected++;
        }
        if (expected <= to)
            throw new JournalCorruptException($"The journal ends before zxid {_zxids[expected]}, which the Zab log has");
    }

    private int FirstIndexAfter(Zxid zxid) => _zxids.BinarySearch(zxid) is var at && at >= 0 ? at + 1 : ~at;

    /// <summary>One wrapper per member callback (not per entry): it notes what is durable, then calls the member's.</summary>
    private Action<JournalAppendResult> Tracking(Action<JournalAppendResult> durable)
    {
        if (!ReferenceEquals(durable, _durableCallback))
        {
            _durableCallback = durable;
            _trackingCallback = result =>
            {
                // Completions run in zxid order on the journal's one writer thread.
                if (result.Succeeded) Volatile.Write(ref _durable, result.Zxid);
                durable(result);
            };
        }
        return _trackingCallback!;
    }

    private static long CostOf(ZabEntry entry) => entry.Txn.Length + EntryOverheadBytes;
}
