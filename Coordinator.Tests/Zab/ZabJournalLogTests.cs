using Coordinator.Actors.Persistence;
using Coordinator.Actors.Zab.Core;
using Coordinator.Actors.Zab.Peer;
using Coordinator.Tests.Persistence;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coordinator.Tests.Zab;

/// <summary>
/// The member's Zab log over a real journal and snapshot store: txns beyond the memory budget are read back from
/// the journal, never before they are durable, and a SNAP's snapshot comes from the store.
/// </summary>
public sealed class ZabJournalLogTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const int TxnBytes = 100;

    private readonly TempDirectory _directory = new();
    private readonly GatedJournal _history;
    private readonly GroupCommitJournal _journal;
    private readonly SqliteSnapshotStore _snapshots;
    private readonly DurableWatch _durable = new();

    public ZabJournalLogTests()
    {
        _history = new GatedJournal(SqliteJournal.Open(_directory.Path, NullLogger.Instance));
        _journal = new GroupCommitJournal(_history, NullLogger.Instance);
        _snapshots = new SqliteSnapshotStore(_directory.Path, NullLogger.Instance);
    }

    public void Dispose()
    {
        _history.Open();
        _journal.Dispose();
        _history.Dispose();
        _directory.Dispose();
    }

    private static ZabEntry Entry(uint epoch, uint counter) =>
        new(new Zxid(epoch, counter), Enumerable.Range(0, TxnBytes).Select(i => (byte)(counter + i)).ToArray());

    private ZabJournalLog NewLog(long memoryTailBytes) =>
        new(Zxid.Zero, [1, 2, 3], [], _journal, _history, _snapshots, memoryTailBytes);

    private void Append(ZabJournalLog log, IEnumerable<ZabEntry> entries)
    {
        foreach (var entry in entries) log.Append(entry, _durable.Completion);
    }

    private static void AssertSameEntries(IEnumerable<ZabEntry> expected, IReadOnlyList<ZabEntry> actual)
    {
        Assert.Equal(expected.Select(e => e.Zxid), actual.Select(e => e.Zxid));
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.Txn, pair.Second.Txn));
    }

    [Fact]
    public void Entries_beyond_the_memory_budget_are_read_back_from_the_journal_in_order()
    {
        _history.Open();
        var log = NewLog(memoryTailBytes: 10 * (TxnBytes + 64));
        var entries = Enumerable.Range(1, 200).Select(i => Entry(1, (uint)i)).ToList();
        Append(log, entries.Take(199));
        _durable.WaitFor(entries[198].Zxid);
        Append(log, entries.Skip(199));

        Assert.InRange(log.EntriesInMemory, 1, 11);
        AssertSameEntries(entries, log.Entries(Zxid.Zero, log.LastZxid));
        AssertSameEntries(entries.Skip(20).Take(30), log.Entries(new Zxid(1, 20), new Zxid(1, 50)));
        Assert.True(log.Contains(new Zxid(1, 5)));
        Assert.Equal(200, log.CountAfter(Zxid.Zero));
    }

    [Fact]
    public void Entries_not_yet_durable_stay_in_memory_whatever_the_budget()
    {
        var log = NewLog(memoryTailBytes: 0);
        var entries = Enumerable.Range(1, 50).Select(i => Entry(1, (uint)i)).ToList();
        Append(log, entries);

        Assert.Equal(50, log.EntriesInMemory);
        AssertSameEntries(entries, log.Entries(Zxid.Zero, log.LastZxid));

        _history.Open();
        _durable.WaitFor(entries[^1].Zxid);
        Append(log, [Entry(1, 51)]);
        Assert.InRange(log.EntriesInMemory, 0, 1);
        AssertSameEntries(entries.Append(Entry(1, 51)), log.Entries(Zxid.Zero, log.LastZxid));
    }

    [Fact]
    public void A_truncation_drops_entries_in_memory_and_in_the_journal_and_the_log_continues_after_it()
    {
        _history.Open();
        var log = NewLog(memoryTailBytes: 5 * (TxnBytes + 64));
        var entries = Enumerable.Range(1, 40).Select(i => Entry(1, (uint)i)).ToList();
        Append(log, entries);
        _durable.WaitFor(entries[^1].Zxid);

        log.TruncateAfter(new Zxid(1, 30));
        var next = Enumerable.Range(1, 5).Select(i => Entry(2, (uint)i)).ToList();
        Append(log, next);

        var expected = entries.Take(30).Concat(next).ToList();
        Assert.Equal(new Zxid(2, 5), log.LastZxid);
        Assert.False(log.Contains(new Zxid(1, 31)));
        Assert.Equal(new Zxid(1, 30), log.Floor(new Zxid(1, 35)));
        AssertSameEntries(expected, log.Entries(Zxid.Zero, log.LastZxid));
        _durable.WaitFor(next[^1].Zxid);
        Append(log, [Entry(2, 6)]);
        AssertSameEntries(expected.Append(Entry(2, 6)), log.Entries(Zxid.Zero, log.LastZxid));
    }

    [Fact]
    public void A_saved_snapshot_starts_the_log_and_a_snap_sync_reads_it_from_the_store()
    {
        _history.Open();
        var log = NewLog(memoryTailBytes: 0);
        Assert.Equal([1, 2, 3], log.Snapshot().State);
        var entries = Enumerable.Range(1, 30).Select(i => Entry(1, (uint)i)).ToList();
        Append(log, entries);
        _snapshots.Save(new Snapshot(new Zxid(1, 20).ToLong(), new byte[] { 20 }));

        log.SnapshotSaved(new Zxid(1, 20));

        Assert.Equal(new Zxid(1, 20), log.SnapshotZxid);
        Assert.False(log.Contains(new Zxid(1, 10)));
        Assert.Equal(10, log.CountAfter(log.SnapshotZxid));
        AssertSameEntries(entries.Skip(20), log.Entries(log.SnapshotZxid, log.LastZxid));
        Assert.Equal(new Zxid(1, 20), log.Snapshot().Zxid);
        Assert.Equal([20], log.Snapshot().State);
    }

    [Fact]
    public void A_snapshot_purged_before_the_log_heard_of_a_newer_one_is_replaced_by_the_newer_one()
    {
        _history.Open();
        var log = NewLog(memoryTailBytes: 0);
        Append(log, Enumerable.Range(1, 30).Select(i => Entry(1, (uint)i)));
        _snapshots.Save(new Snapshot(new Zxid(1, 10).ToLong(), new byte[] { 10 }));
        log.SnapshotSaved(new Zxid(1, 10));
        _snapshots.Save(new Snapshot(new Zxid(1, 25).ToLong(), new byte[] { 25 }));
        _snapshots.DeleteAllButNewest(1);

        var snapshot = log.Snapshot();

        Assert.Equal(new Zxid(1, 25), snapshot.Zxid);
        Assert.Equal([25], snapshot.State);
    }

    [Fact]
    public void An_installed_snapshot_replaces_the_log_and_is_served_from_the_store()
    {
        _history.Open();
        var log = NewLog(memoryTailBytes: 0);
        Append(log, Enumerable.Range(1, 10).Select(i => Entry(1, (uint)i)));

        log.Install(new ZabSnapshot(new Zxid(2, 7), [7, 7]));
        Append(log, [Entry(2, 8)]);

        Assert.Equal(new Zxid(2, 7), log.SnapshotZxid);
        Assert.Equal([7, 7], log.Snapshot().State);
        AssertSameEntries([Entry(2, 8)], log.Entries(log.SnapshotZxid, log.LastZxid));
        Assert.Equal([new Zxid(2, 7).ToLong()], _snapshots.List());
    }

    /// <summary>Remembers the newest zxid the journal reported durable and lets a test wait for one.</summary>
    private sealed class DurableWatch
    {
        private readonly object _gate = new();
        private long _durable;

        public void Completion(JournalAppendResult result)
        {
            Assert.True(result.Succeeded);
            lock (_gate)
            {
                _durable = Math.Max(_durable, result.Zxid);
                Monitor.PulseAll(_gate);
            }
        }

        public void WaitFor(Zxid zxid)
        {
            var deadline = DateTime.UtcNow + Patience;
            lock (_gate)
                while (_durable < zxid.ToLong())
                    Assert.True(Monitor.Wait(_gate, deadline - DateTime.UtcNow), $"{zxid} never became durable");
        }
    }
}
