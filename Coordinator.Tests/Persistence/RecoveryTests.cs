using Coordinator.Actors.Persistence;
using static Coordinator.Tests.Persistence.Persisted;

namespace Coordinator.Tests.Persistence;

/// <summary>A member's whole data directory: snapshot + journal + hard state, reopened as after a restart.</summary>
public sealed class RecoveryTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly CapturingLogger _logger = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>Runs a member's storage life: five rounds of ten txns, each round ending in a snapshot and a roll.</summary>
    private void WriteFiveSnapshotRounds()
    {
        using var storage = Recovery.Open(_directory.Path, _logger);
        for (var round = 0; round < 5; round++)
        {
            storage.Journal.Append(Entries(round * 10 + 1, round * 10 + 10));
            storage.Snapshots.Save(new Snapshot(Zxid(1, round * 10 + 10), new byte[] { (byte)round }));
            storage.Journal.RollSegment();
        }
    }

    [Fact]
    public void An_empty_directory_recovers_to_an_empty_member()
    {
        using var storage = Recovery.Open(_directory.Path, _logger);

        Assert.Null(storage.Snapshot);
        Assert.Equal(0, storage.LastZxid);
        Assert.Empty(storage.EntriesToReplay());
        Assert.Empty(storage.HardState.Load());
    }

    [Fact]
    public void Recovery_loads_the_newest_snapshot_and_replays_only_the_journal_after_it()
    {
        using (var storage = Recovery.Open(_directory.Path, _logger))
        {
            storage.Journal.Append(Entries(1, 6));
            storage.Snapshots.Save(new Snapshot(Zxid(1, 6), new byte[] { 6 }));
            storage.Journal.RollSegment();
            storage.Journal.Append(Entries(7, 10));
            storage.HardState.Save(new Dictionary<string, long> { ["currentEpoch"] = 1 });
        }

        using var recovered = Recovery.Open(_directory.Path, _logger);

        Assert.Equal(Zxid(1, 6), recovered.Snapshot!.LastZxid);
        Assert.Equal(ZxidRange(7, 10), Zxids(recovered.EntriesToReplay()));
        Assert.Equal(Zxid(1, 10), recovered.LastZxid);
        Assert.Equal(1, recovered.HardState.Load()["currentEpoch"]);
        Assert.Contains("snapshot at zxid 0x0000000100000006, journal up to 0x000000010000000a", _logger.Messages("Recovered")[^1]);
    }

    [Fact]
    public void A_corrupted_newest_snapshot_falls_back_and_replays_the_longer_journal_tail()
    {
        WriteFiveSnapshotRounds();
        using (var storage = Recovery.Open(_directory.Path, _logger))
            FlipBlobByte(storage.Snapshots.PathOf(Zxid(1, 50)), "chunks", "bytes", "seq = 0");

        using var recovered = Recovery.Open(_directory.Path, _logger);

        Assert.Equal(Zxid(1, 40), recovered.Snapshot!.LastZxid);
        Assert.Equal(ZxidRange(41, 50), Zxids(recovered.EntriesToReplay()));
        Assert.Single(_logger.Messages("SnapshotInvalid"));
    }

    [Fact]
    public void Purge_keeps_the_retained_snapshots_and_only_segments_they_still_need()
    {
        WriteFiveSnapshotRounds();
        using var storage = Recovery.Open(_directory.Path, _logger);

        var (snapshots, segments) = Retention.Purge(storage.Snapshots, storage.Journal, _logger, retainCount: 3);

        Assert.Equal((2, 3), (snapshots, segments));
        Assert.Equal([Zxid(1, 30), Zxid(1, 40), Zxid(1, 50)], storage.Snapshots.List());
        Assert.Equal(["journal-000000010000001f.db", "journal-0000000100000029.db"], _directory.FileNames("journal-*.db"));
        Assert.Equal(ZxidRange(31, 50), Zxids(storage.Journal.ReadFrom(0)));
        Assert.Equal(Zxid(1, 31), storage.Journal.FirstZxid);
    }

    [Fact]
    public void After_a_purge_falling_back_to_the_oldest_kept_snapshot_still_replays_to_the_end()
    {
        WriteFiveSnapshotRounds();
        using (var storage = Recovery.Open(_directory.Path, _logger))
        {
            Retention.Purge(storage.Snapshots, storage.Journal, _logger, retainCount: 2);
            FlipBlobByte(storage.Snapshots.PathOf(Zxid(1, 50)), "chunks", "bytes", "seq = 0");
        }

        using var recovered = Recovery.Open(_directory.Path, _logger);

        Assert.Equal(Zxid(1, 40), recovered.Snapshot!.LastZxid);
        Assert.Equal(ZxidRange(41, 50), Zxids(recovered.EntriesToReplay()));
    }

    [Fact]
    public void Recovery_refuses_to_start_when_snapshots_exist_but_none_validates()
    {
        WriteFiveSnapshotRounds();
        using (var storage = Recovery.Open(_directory.Path, _logger))
        {
            Retention.Purge(storage.Snapshots, storage.Journal, _logger, retainCount: 1);
            FlipBlobByte(storage.Snapshots.PathOf(Zxid(1, 50)), "chunks", "bytes", "seq = 0");
        }

        var error = Assert.Throws<JournalCorruptException>(() => Recovery.Open(_directory.Path, _logger));
        Assert.Contains("No snapshot", error.Message);
    }

    [Fact]
    public void The_in_memory_twins_purge_like_the_sqlite_stores()
    {
        var journal = new InMemoryJournal();
        var snapshots = new InMemorySnapshotStore();
        for (var round = 0; round < 5; round++)
        {
            journal.Append(Entries(round * 10 + 1, round * 10 + 10));
            snapshots.Save(new Snapshot(Zxid(1, round * 10 + 10), new byte[] { (byte)round }));
            journal.RollSegment();
        }

        Assert.Equal((2, 3), Retention.Purge(snapshots, journal, _logger, retainCount: 3));
        Assert.Equal(ZxidRange(31, 50), Zxids(journal.ReadFrom(0)));
        Assert.Equal(2, journal.SegmentCount);
    }
}
