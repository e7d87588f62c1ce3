using Coordinator.Actors.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using static Coordinator.Tests.Persistence.Persisted;

namespace Coordinator.Tests.Persistence;

/// <summary>
/// The SQLite journal against its in-memory twin under seeded random operation sequences (the etcd
/// quick_test idea): after every step both must hold the same entries, bounds and segment count.
/// </summary>
public sealed class JournalModelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Sqlite_journal_behaves_like_the_in_memory_twin_under_random_operations(int seed)
    {
        using var directory = new TempDirectory();
        var random = new Random(seed);
        var model = new InMemoryJournal();
        var sqlite = SqliteJournal.Open(directory.Path, NullLogger.Instance);
        long epoch = 1, counter = 0;
        try
        {
            for (var step = 0; step < 60; step++)
            {
                var operation = random.Next(10);
                var description = $"seed {seed} step {step} op {operation}";
                switch (operation)
                {
                    case < 5:
                        if (random.Next(8) == 0) (epoch, counter) = (epoch + 1, 0);
                        var batch = Enumerable.Range(0, random.Next(1, 6)).Select(_ => Entry(Zxid(epoch, ++counter))).ToArray();
                        model.Append(batch);
                        sqlite.Append(batch);
                        break;
                    case 5:
                        model.RollSegment();
                        sqlite.RollSegment();
                        break;
                    case 6:
                        var keep = PickZxid(random, model);
                        model.TruncateAfter(keep);
                        sqlite.TruncateAfter(keep);
                        (epoch, counter) = (Math.Max(epoch, (keep >>> 32) + 1), 0); // continue in a fresh epoch, as after a TRUNC
                        break;
                    case 7:
                        var upTo = PickZxid(random, model);
                        Assert.Equal(model.PurgeSegmentsUpTo(upTo), sqlite.PurgeSegmentsUpTo(upTo));
                        break;
                    default:
                        sqlite.Dispose();
                        sqlite = SqliteJournal.Open(directory.Path, NullLogger.Instance);
                        model.RollSegment(); // a reopened journal appends into a new segment
                        break;
                }
                Assert.True(Zxids(model.ReadFrom(0)).SequenceEqual(Zxids(sqlite.ReadFrom(0))), description);
                Assert.True(model.LastZxid == sqlite.LastZxid, description);
                Assert.True(model.FirstZxid == sqlite.FirstZxid, description);
                Assert.True(model.SegmentCount == sqlite.SegmentCount, description);
            }
        }
        finally
        {
            sqlite.Dispose();
        }
    }

    private static long PickZxid(Random random, InMemoryJournal model)
    {
        var zxids = Zxids(model.ReadFrom(0));
        return zxids.Length == 0 ? 0 : zxids[random.Next(zxids.Length)];
    }
}
