using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Coordinator.Actors.Persistence;

/// <summary>
/// One SQLite file per snapshot, <c>snapshot-&lt;zxid 16 hex&gt;.db</c>: a <c>snapshot</c> row (last zxid, size,
/// CRC-32C) and the data in <c>chunks</c> of at most <see cref="ChunkBytes"/>. Written under a <c>.tmp</c> name,
/// synced, renamed into place and the directory synced, so a snapshot file either exists whole or not at all.
/// </summary>
public sealed class SqliteSnapshotStore : ISnapshotStore
{
    internal const string FilePrefix = "snapshot";
    private const string TempSuffix = ".tmp";

    /// <summary>Chunk size of the data rows (SQLite limits one blob to about 1 GB; chunks keep rows small).</summary>
    public const int ChunkBytes = 4 * 1024 * 1024;

    private readonly string _directory;
    private readonly ILogger _logger;

    /// <summary>Opens the store in <paramref name="directory"/> and removes leftovers of an interrupted save.</summary>
    public SqliteSnapshotStore(string directory, ILogger logger)
    {
        _directory = directory;
        _logger = logger;
        Directory.CreateDirectory(directory);
        foreach (var leftover in Directory.EnumerateFiles(directory, FilePrefix + "-*.db" + TempSuffix + "*"))
            File.Delete(leftover);
    }

    /// <summary>
    /// CRC-32C over the last zxid (8 bytes, little-endian) followed by the data: the value stored in the
    /// <c>snapshot</c> row.
    /// </summary>
    public static uint Checksum(long lastZxid, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(header, lastZxid);
        return Crc32C.Finish(Crc32C.Append(Crc32C.Append(Crc32C.Start, header), data));
    }

    /// <summary>Path of the file that holds the snapshot at <paramref name="lastZxid"/>.</summary>
    public string PathOf(long lastZxid) => Path.Combine(_directory, SqliteFiles.FileName(FilePrefix, lastZxid));

    /// <inheritdoc />
    public void Save(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var finalPath = PathOf(snapshot.LastZxid);
        var tempPath = finalPath + TempSuffix;
        SqliteFiles.DeleteDatabase(tempPath);
        using (var connection = SqliteFiles.Open(tempPath, wal: false))
        using (var transaction = connection.BeginTransaction())
        {
            SqliteFiles.Execute(connection,
                "CREATE TABLE snapshot (last_zxid INTEGER NOT NULL, size INTEGER NOT NULL, crc INTEGER NOT NULL);" +
                "CREATE TABLE chunks (seq INTEGER PRIMARY KEY, bytes BLOB NOT NULL);", transaction);
            using (var header = connection.CreateCommand())
            {
                header.Transaction = transaction;
                header.CommandText = "INSERT INTO snapshot VALUES ($zxid, $size, $crc)";
                header.Parameters.AddWithValue("$zxid", snapshot.LastZxid);
                header.Parameters.AddWithValue("$size", snapshot.Data.Length);
                header.Parameters.AddWithValue("$crc", (long)Checksum(snapshot.LastZxid, snapshot.Data.Span));
                header.ExecuteNonQuery();
            }
            using (var chunk = connection.CreateCommand())
            {
                chunk.Transaction = transaction;
                chunk.CommandText = "INSERT INTO chunks VALUES ($seq, $bytes)";
                var seq = chunk.Parameters.Add("$seq", SqliteType.Integer);
                var bytes = chunk.Parameters.Add("$bytes", SqliteType.Blob);
                for (int offset = 0, index = 0; offset < snapshot.Data.Length; offset += ChunkBytes, index++)
                {
                    seq.Value = index;
                    bytes.Value = snapshot.Data.Slice(offset, Math.Min(ChunkBytes, snapshot.Data.Length - offset)).ToArray();
                    chunk.ExecuteNonQuery();
                }
            }
            transaction.Commit(); // synchronous=FULL: the file content is on disk before the rename
        }
        File.Move(tempPath, finalPath, overwrite: true);
        SqliteFiles.SyncDirectory(_directory);
    }

    /// <inheritdoc />
    public Snapshot? LoadNewestValid()
    {
        foreach (var (zxid, path) in Enumerable.Reverse(SqliteFiles.List(_directory, FilePrefix)))
        {
            var (snapshot, problem) = TryLoad(zxid, path);
            if (snapshot is not null) return snapshot;
            _logger.SnapshotInvalid(Path.GetFileName(path), problem!);
        }
        return null;
    }

    /// <inheritdoc />
    public Snapshot? Load(long lastZxid)
    {
        var path = PathOf(lastZxid);
        if (!File.Exists(path)) return null;
        var (snapshot, problem) = TryLoad(lastZxid, path);
        if (snapshot is null) _logger.SnapshotInvalid(Path.GetFileName(path), problem!);
        return snapshot;
    }

    /// <inheritdoc />
    public IReadOnlyList<long> List() => SqliteFiles.List(_directory, FilePrefix).Select(f => f.Zxid).ToList();

    /// <inheritdoc />
    public int DeleteAllButNewest(int retainCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retainCount);
        var files = SqliteFiles.List(_directory, FilePrefix);
        var doomed = files.Take(Math.Max(0, files.Count - retainCount)).ToList();
        foreach (var (_, path) in doomed) SqliteFiles.DeleteDatabase(path);
        if (doomed.Count > 0) SqliteFiles.SyncDirectory(_directory);
        return doomed.Count;
    }

    private static (Snapshot? Snapshot, string? Problem) TryLoad(long nameZxid, string path)
    {
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ToString());
            connection.Open();
            using var header = connection.CreateCommand();
            header.CommandText = "SELECT last_zxid, size, crc FROM snapshot";
            using var headerRow = header.ExecuteReader();
            if (!headerRow.Read()) return (null, "no header row");
            var (lastZxid, size, crc) = (headerRow.GetInt64(0), headerRow.GetInt64(1), (uint)headerRow.GetInt64(2));
            if (lastZxid != nameZxid) return (null, $"header says zxid 0x{lastZxid:x16}");

            using var chunks = connection.CreateCommand();
            chunks.CommandText = "SELECT bytes FROM chunks ORDER BY seq";
            using var chunkRows = chunks.ExecuteReader();
            using var data = new MemoryStream();
            while (chunkRows.Read()) data.Write((byte[])chunkRows.GetValue(0));
            if (data.Length != size) return (null, $"data is {data.Length} bytes, header says {size}");
            var bytes = data.ToArray();
            if (Checksum(lastZxid, bytes) != crc) return (null, "checksum does not match");
            return (new Snapshot(lastZxid, bytes), null);
        }
        catch (SqliteException e)
        {
            return (null, "unreadable: " + e.Message);
        }
    }
}
