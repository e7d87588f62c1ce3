using Coordinator.Actors.Persistence;
using static Coordinator.Tests.Persistence.Persisted;

namespace Coordinator.Tests.Persistence;

public sealed class SnapshotStoreTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly CapturingLogger _logger = new();

    public void Dispose() => _directory.Dispose();

    private SqliteSnapshotStore Store() => new(_directory.Path, _logger);

    private static byte[] Data(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    [Fact]
    public void A_saved_snapshot_loads_back_byte_for_byte_across_several_chunks()
    {
        var data = Data(SqliteSnapshotStore.ChunkBytes * 2 + 123, seed: 1);
        Store().Save(new Snapshot(Zxid(2, 40), data));

        var loaded = Store().LoadNewestValid();

        Assert.NotNull(loaded);
        Assert.Equal(Zxid(2, 40), loaded.LastZxid);
        Assert.Equal(data, loaded.Data.ToArray());
        Assert.Equal(["snapshot-0000000200000028.db"], _directory.FileNames("snapshot-*"));
    }

    [Fact]
    public void An_empty_snapshot_is_valid()
    {
        Store().Save(new Snapshot(Zxid(1, 1), Array.Empty<byte>()));

        Assert.Equal(0, Store().LoadNewestValid()!.Data.Length);
    }

    [Fact]
    public void The_newest_snapshot_is_loaded()
    {
        var store = Store();
        store.Save(new Snapshot(Zxid(1, 10), Data(10, 1)));
        store.Save(new Snapshot(Zxid(1, 30), Data(30, 3)));
        store.Save(new Snapshot(Zxid(1, 20), Data(20, 2)));

        Assert.Equal(Zxid(1, 30), store.LoadNewestValid()!.LastZxid);
        Assert.Equal([Zxid(1, 10), Zxid(1, 20), Zxid(1, 30)], store.List());
    }

    [Fact]
    public void A_corrupted_newest_snapshot_falls_back_to_the_previous_one_and_says_so()
    {
        var store = Store();
        store.Save(new Snapshot(Zxid(1, 10), Data(100, 1)));
        store.Save(new Snapshot(Zxid(1, 20), Data(100, 2)));
        FlipBlobByte(store.PathOf(Zxid(1, 20)), "chunks", "bytes", "seq = 0", byteIndex: 50);

        var loaded = Store().LoadNewestValid();

        Assert.Equal(Zxid(1, 10), loaded!.LastZxid);
        Assert.Equal(Data(100, 1), loaded.Data.ToArray());
        var line = Assert.Single(_logger.Messages("SnapshotInvalid"));
        Assert.Contains("snapshot-0000000100000014.db", line);
        Assert.Contains("checksum", line);
    }

    [Fact]
    public void A_snapshot_file_that_is_not_a_database_is_skipped()
    {
        var store = Store();
        store.Save(new Snapshot(Zxid(1, 10), Data(100, 1)));
        File.WriteAllBytes(store.PathOf(Zxid(1, 20)), Data(4096, 9));

        Assert.Equal(Zxid(1, 10), Store().LoadNewestValid()!.LastZxid);
        Assert.Contains("unreadable", Assert.Single(_logger.Messages("SnapshotInvalid")));
    }

    [Fact]
    public void A_snapshot_whose_header_disagrees_with_its_file_name_is_invalid()
    {
        var store = Store();
        store.Save(new Snapshot(Zxid(1, 10), Data(100, 1)));
        File.Copy(store.PathOf(Zxid(1, 10)), store.PathOf(Zxid(1, 99)));

        Assert.Equal(Zxid(1, 10), Store().LoadNewestValid()!.LastZxid);
        Assert.Single(_logger.Messages("SnapshotInvalid"));
    }

    [Fact]
    public void A_temp_file_left_by_an_interrupted_save_is_removed_and_never_loaded()
    {
        var leftover = Path.Combine(_directory.Path, "snapshot-0000000100000005.db.tmp");
        File.WriteAllBytes(leftover, Data(10, 1));

        var store = Store();

        Assert.False(File.Exists(leftover));
        Assert.Null(store.LoadNewestValid());
    }

    [Fact]
    public void Deleting_all_but_the_newest_keeps_exactly_that_many()
    {
        var store = Store();
        foreach (var counter in new[] { 10, 20, 30, 40 }) store.Save(new Snapshot(Zxid(1, counter), Data(8, counter)));

        Assert.Equal(2, store.DeleteAllButNewest(2));

        Assert.Equal([Zxid(1, 30), Zxid(1, 40)], store.List());
        Assert.Equal(0, store.DeleteAllButNewest(5));
    }

    [Fact]
    public void The_in_memory_store_loads_the_newest_and_keeps_the_newest_on_delete()
    {
        var store = new InMemorySnapshotStore();
        var data = Data(8, 1);
        store.Save(new Snapshot(Zxid(1, 20), data));
        store.Save(new Snapshot(Zxid(1, 10), Data(8, 2)));
        data[0] ^= 0xFF;

        Assert.Equal(Data(8, 1), store.LoadNewestValid()!.Data.ToArray());
        Assert.Equal(1, store.DeleteAllButNewest(1));
        Assert.Equal([Zxid(1, 20)], store.List());
    }
}
