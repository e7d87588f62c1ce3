using Coordinator.Actors.Persistence;
using Microsoft.Extensions.Logging;
using static Coordinator.Tests.Persistence.Persisted;

namespace Coordinator.Tests.Persistence;

/// <summary>What reopening a SQLite journal does with damaged or unusual files.</summary>
public sealed class SqliteJournalRecoveryTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly CapturingLogger _logger = new();

    public void Dispose() => _directory.Dispose();

    private SqliteJournal Open(long validateAfterZxid = 0) => SqliteJournal.Open(_directory.Path, _logger, validateAfterZxid);

    private string SegmentPath(long firstZxid) => Path.Combine(_directory.Path, $"journal-{firstZxid:x16}.db");

    private void Write(params JournalEntry[][] segments)
    {
        using var journal = Open();
        foreach (var segment in segments)
        {
            journal.Append(segment);
            journal.RollSegment();
        }
    }

    [Fact]
    public void Journal_files_run_in_wal_mode_with_synchronous_full()
    {
        using var journal = Open();
        journal.Append(Entries(1, 1));

        var pragmas = journal.ActivePragmas();

        Assert.Equal("wal", pragmas.JournalMode);
        Assert.Equal(SqlitePragmas.SynchronousFull, pragmas.Synchronous);
    }

    [Fact]
    public void Segments_are_files_named_after_their_first_zxid()
    {
        Write(Entries(1, 3), Entries(4, 5));

        Assert.Equal(["journal-0000000100000001.db", "journal-0000000100000004.db"], _directory.FileNames("journal-*.db"));
    }

    [Fact]
    public void A_corrupted_row_in_the_middle_is_cut_with_everything_after_it_and_logged_once()
    {
        Write(Entries(1, 10));
        CorruptJournalRow(SegmentPath(Zxid(1, 1)), Zxid(1, 5));

        using var journal = Open();

        Assert.Equal(ZxidRange(1, 4), Zxids(journal.ReadFrom(0)));
        Assert.Equal(Zxid(1, 4), journal.LastZxid);
        var line = Assert.Single(_logger.Messages("JournalTailCut"));
        Assert.Contains("dropped 6 entries from zxid 0x0000000100000005", line);
        Assert.Contains("checksum", line);
        Assert.Equal(LogLevel.Warning, _logger.Lines.Single(l => l.Event.Name == "JournalTailCut").Level);
    }

    [Fact]
    public void A_corrupted_last_row_is_cut_and_appending_continues_after_the_good_prefix()
    {
        Write(Entries(1, 4));
        CorruptJournalRow(SegmentPath(Zxid(1, 1)), Zxid(1, 4));

        using (var journal = Open())
        {
            Assert.Contains("dropped 1 entries from zxid 0x0000000100000004", Assert.Single(_logger.Messages("JournalTailCut")));
            journal.Append(Entries(4, 5));
        }

        using var reopened = Open();
        Assert.Equal(ZxidRange(1, 5), Zxids(reopened.ReadFrom(0)));
        Assert.Single(_logger.Messages("JournalTailCut"));
    }

    [Fact]
    public void A_corrupted_row_in_an_earlier_segment_also_removes_every_later_segment()
    {
        Write(Entries(1, 5), Entries(6, 8), Entries(9, 10));
        CorruptJournalRow(SegmentPath(Zxid(1, 1)), Zxid(1, 3));

        using var journal = Open();

        Assert.Equal(ZxidRange(1, 2), Zxids(journal.ReadFrom(0)));
        Assert.Equal(["journal-0000000100000001.db"], _directory.FileNames("journal-*.db"));
        Assert.Contains("dropped 8 entries from zxid 0x0000000100000003", Assert.Single(_logger.Messages("JournalTailCut")));
    }

    [Fact]
    public void A_corrupted_first_row_of_a_segment_removes_that_whole_segment()
    {
        Write(Entries(1, 3), Entries(4, 6));
        CorruptJournalRow(SegmentPath(Zxid(1, 4)), Zxid(1, 4));

        using var journal = Open();

        Assert.Equal(ZxidRange(1, 3), Zxids(journal.ReadFrom(0)));
        Assert.Equal(["journal-0000000100000001.db"], _directory.FileNames("journal-*.db"));
        Assert.Contains("dropped 3 entries", Assert.Single(_logger.Messages("JournalTailCut")));
    }

    [Fact]
    public void A_gap_inside_an_epoch_ends_the_valid_journal()
    {
        Write([Entry(Zxid(1, 1)), Entry(Zxid(1, 2)), Entry(Zxid(1, 4)), Entry(Zxid(1, 5))]);

        using var journal = Open();

        Assert.Equal(ZxidRange(1, 2), Zxids(journal.ReadFrom(0)));
        var line = Assert.Single(_logger.Messages("JournalTailCut"));
        Assert.Contains("dropped 2 entries from zxid 0x0000000100000004", line);
        Assert.Contains("gap", line);
    }

    [Fact]
    public void A_new_epoch_may_start_at_any_counter()
    {
        Write([Entry(Zxid(1, 1)), Entry(Zxid(1, 2)), Entry(Zxid(3, 1))], [Entry(Zxid(3, 2))]);

        using var journal = Open();

        Assert.Equal([Zxid(1, 1), Zxid(1, 2), Zxid(3, 1), Zxid(3, 2)], Zxids(journal.ReadFrom(0)));
        Assert.Empty(_logger.Messages("JournalTailCut"));
    }

    [Fact]
    public void The_first_entry_after_the_snapshot_must_follow_the_snapshot_zxid()
    {
        Write(Entries(1, 3), Entries(7, 8));

        using var journal = Open(validateAfterZxid: Zxid(1, 5)); // entries 6 is missing: 7 and 8 cannot be replayed

        Assert.Equal(Zxid(1, 3), journal.LastZxid);
        Assert.Contains("dropped 2 entries from zxid 0x0000000100000007", Assert.Single(_logger.Messages("JournalTailCut")));
    }

    [Fact]
    public void A_corrupted_row_covered_by_the_snapshot_is_kept_but_reading_it_throws()
    {
        Write(Entries(1, 6));
        CorruptJournalRow(SegmentPath(Zxid(1, 1)), Zxid(1, 2));

        using var journal = Open(validateAfterZxid: Zxid(1, 4));

        Assert.Empty(_logger.Messages("JournalTailCut"));
        Assert.Equal(ZxidRange(5, 6), Zxids(journal.ReadFrom(Zxid(1, 4))));
        var error = Assert.Throws<JournalCorruptException>(() => journal.ReadFrom(0).ToList());
        Assert.Contains("0x0000000100000002", error.Message);
    }

    [Fact]
    public void A_segment_left_empty_by_a_crash_before_its_first_commit_is_deleted()
    {
        Write(Entries(1, 2));
        File.WriteAllBytes(SegmentPath(Zxid(1, 3)), []); // created, never committed

        using var journal = Open();

        Assert.Equal(["journal-0000000100000001.db"], _directory.FileNames("journal-*.db"));
        Assert.Single(_logger.Messages("EmptySegmentDeleted"));
        journal.Append(Entries(3, 3));
        Assert.Equal(ZxidRange(1, 3), Zxids(journal.ReadFrom(0)));
    }
}
