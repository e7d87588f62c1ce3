using Coordinator.Actors.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using static Coordinator.Tests.Persistence.Persisted;

namespace Coordinator.Tests.Persistence;

/// <summary>
/// What every <see cref="IJournal"/> must do, run against each implementation (the Akka TCK idea):
/// the in-memory twin used by simulations must behave exactly like the SQLite journal.
/// </summary>
public abstract class JournalSpec : IDisposable
{
    private IJournal? _journal;

    /// <summary>The journal under test, created on first use.</summary>
    protected IJournal Journal => _journal ??= CreateJournal();

    protected abstract IJournal CreateJournal();

    /// <summary>Closes and reopens the journal where that means something (on disk); otherwise keeps it.</summary>
    protected abstract IJournal Reopen(IJournal journal);

    public virtual void Dispose() => _journal?.Dispose();

    private void ReopenJournal() => _journal = Reopen(Journal);

    [Fact]
    public void An_empty_journal_has_no_entries_and_zero_bounds()
    {
        Assert.Equal(0, Journal.LastZxid);
        Assert.Equal(0, Journal.FirstZxid);
        Assert.Empty(Journal.ReadFrom(0));
    }

    [Fact]
    public void Entries_are_read_back_in_zxid_order_with_their_type_and_payload()
    {
        var entries = Entries(1, 5);
        Journal.Append(entries[..2]);
        Journal.Append(entries[2..]);

        var read = Journal.ReadFrom(0).ToList();

        Assert.Equal(ZxidRange(1, 5), Zxids(read));
        Assert.Equal(entries.Select(e => e.TxnType), read.Select(e => e.TxnType));
        Assert.Equal(entries.Select(e => e.Payload.ToArray()), read.Select(e => e.Payload.ToArray()));
        Assert.Equal(Zxid(1, 1), Journal.FirstZxid);
        Assert.Equal(Zxid(1, 5), Journal.LastZxid);
    }

    [Fact]
    public void Reading_from_a_zxid_returns_only_the_entries_after_it()
    {
        Journal.Append(Entries(1, 5));

        Assert.Equal(ZxidRange(4, 5), Zxids(Journal.ReadFrom(Zxid(1, 3))));
        Assert.Empty(Journal.ReadFrom(Zxid(1, 5)));
        Assert.Equal(ZxidRange(1, 5), Zxids(Journal.ReadFrom(0)));
    }

    [Fact]
    public void Reading_spans_segments_after_a_roll()
    {
        Journal.Append(Entries(1, 3));
        Journal.RollSegment();
        Journal.RollSegment(); // a second roll without appends in between adds no empty segment
        Journal.Append(Entries(4, 6));

        Assert.Equal(ZxidRange(1, 6), Zxids(Journal.ReadFrom(0)));
        Assert.Equal(ZxidRange(3, 6), Zxids(Journal.ReadFrom(Zxid(1, 2))));
        Assert.Equal(ZxidRange(5, 6), Zxids(Journal.ReadFrom(Zxid(1, 4))));
    }

    [Fact]
    public void Truncate_after_removes_later_entries_and_appending_continues_from_there()
    {
        Journal.Append(Entries(1, 5));

        Journal.TruncateAfter(Zxid(1, 3));
        Assert.Equal(Zxid(1, 3), Journal.LastZxid);
        Journal.Append([Entry(Zxid(2, 1))]);

        Assert.Equal([.. ZxidRange(1, 3), Zxid(2, 1)], Zxids(Journal.ReadFrom(0)));
    }

    [Fact]
    public void Truncate_after_reaches_back_across_segments()
    {
        Journal.Append(Entries(1, 3));
        Journal.RollSegment();
        Journal.Append(Entries(4, 6));

        Journal.TruncateAfter(Zxid(1, 2));

        Assert.Equal(ZxidRange(1, 2), Zxids(Journal.ReadFrom(0)));
        Assert.Equal(Zxid(1, 2), Journal.LastZxid);
        Journal.Append(Entries(3, 4));
        ReopenJournal();
        Assert.Equal(ZxidRange(1, 4), Zxids(Journal.ReadFrom(0)));
    }

    [Fact]
    public void Truncate_after_zero_empties_the_journal()
    {
        Journal.Append(Entries(1, 3));

        Journal.TruncateAfter(0);

        Assert.Empty(Journal.ReadFrom(0));
        Assert.Equal(0, Journal.LastZxid);
        Journal.Append(Entries(1, 1));
        Assert.Equal(ZxidRange(1, 1), Zxids(Journal.ReadFrom(0)));
    }

    [Fact]
    public void Entries_and_last_zxid_survive_reopening()
    {
        Journal.Append(Entries(1, 4));
        Journal.RollSegment();
        Journal.Append(Entries(5, 7));

        ReopenJournal();

        Assert.Equal(Zxid(1, 7), Journal.LastZxid);
        Assert.Equal(ZxidRange(1, 7), Zxids(Journal.ReadFrom(0)));
        Journal.Append(Entries(8, 8));
        Assert.Equal(Zxid(1, 8), Journal.LastZxid);
    }

    [Fact]
    public void Appending_a_zxid_not_above_the_last_one_is_rejected_and_writes_nothing()
    {
        Journal.Append(Entries(1, 3));

        Assert.Throws<ArgumentException>(() => Journal.Append([Entry(Zxid(1, 3))]));
        Assert.Throws<ArgumentException>(() => Journal.Append([Entry(Zxid(1, 4)), Entry(Zxid(1, 2))]));
        Assert.Throws<ArgumentException>(() => Journal.Append([Entry(Zxid(1, 5)), Entry(Zxid(1, 5))]));

        Assert.Equal(ZxidRange(1, 3), Zxids(Journal.ReadFrom(0)));
        Assert.Equal(Zxid(1, 3), Journal.LastZxid);
    }

    [Fact]
    public void Changing_the_callers_buffer_after_append_does_not_change_the_journal()
    {
        var payload = new byte[] { 1, 2, 3 };
        Journal.Append([new JournalEntry(Zxid(1, 1), 1, payload)]);

        payload[0] = 99;

        Assert.Equal(new byte[] { 1, 2, 3 }, Journal.ReadFrom(0).Single().Payload.ToArray());
    }

    [Fact]
    public void A_payload_that_is_a_slice_of_a_larger_array_is_stored_as_that_slice_only()
    {
        byte[] shared = [9, 9, 1, 2, 3, 9];
        Journal.Append([new JournalEntry(Zxid(1, 1), 5, shared.AsMemory(2, 3)), new JournalEntry(Zxid(1, 2), 5, shared)]);

        var read = Journal.ReadFrom(0).ToList();

        Assert.Equal(new byte[] { 1, 2, 3 }, read[0].Payload.ToArray());
        Assert.Equal(shared, read[1].Payload.ToArray());
    }

    [Fact]
    public void Appends_continue_in_a_new_segment_after_a_roll_and_after_a_truncation()
    {
        Journal.Append(Entries(1, 3));
        Journal.RollSegment();
        Journal.Append(Entries(4, 5));
        Journal.TruncateAfter(Zxid(1, 4));
        Journal.Append(Entries(5, 7));

        Assert.Equal(ZxidRange(1, 7), Zxids(Journal.ReadFrom(0)));
        ReopenJournal();
        Journal.Append(Entries(8, 8));
        Assert.Equal(ZxidRange(1, 8), Zxids(Journal.ReadFrom(0)));
    }

    [Fact]
    public void Purge_drops_segments_at_or_below_the_zxid_but_keeps_later_entries_and_the_newest_segment()
    {
        Journal.Append(Entries(1, 3));
        Journal.RollSegment();
        Journal.Append(Entries(4, 6));
        Journal.RollSegment();
        Journal.Append(Entries(7, 9));

        Journal.PurgeSegmentsUpTo(Zxid(1, 5)); // only the first segment lies entirely at or below 5

        Assert.Equal(ZxidRange(4, 9), Zxids(Journal.ReadFrom(0)));
        Assert.Equal(Zxid(1, 4), Journal.FirstZxid);

        Journal.PurgeSegmentsUpTo(Zxid(1, 100)); // the newest segment always stays
        Assert.Equal(ZxidRange(7, 9), Zxids(Journal.ReadFrom(0)));
        Assert.Equal(Zxid(1, 9), Journal.LastZxid);
    }
}

public sealed class InMemoryJournalSpec : JournalSpec
{
    protected override IJournal CreateJournal() => new InMemoryJournal();

    protected override IJournal Reopen(IJournal journal) => journal;
}

public sealed class SqliteJournalSpec : JournalSpec
{
    private readonly TempDirectory _directory = new();

    protected override IJournal CreateJournal() => SqliteJournal.Open(_directory.Path, NullLogger.Instance);

    protected override IJournal Reopen(IJournal journal)
    {
        journal.Dispose();
        return CreateJournal();
    }

    public override void Dispose()
    {
        base.Dispose();
        _directory.Dispose();
    }
}
