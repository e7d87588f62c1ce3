using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Coordinator.Actors.Persistence;

/// <summary>
/// The journal as a sequence of SQLite files <c>journal-&lt;zxid 16 hex&gt;.db</c> (one table <c>entries</c>),
/// each in WAL mode with synchronous=FULL. One append batch is one SQLite transaction, hence one fsync.
/// A segment is named after the first zxid appended to it; <see cref="RollSegment"/> makes the next append
/// open a new file, so purging history is deleting files. Format and recovery rules: docs/journal.md.
/// </summary>
public sealed partial class SqliteJournal : IJournal
{
    internal const string FilePrefix = "journal";
    internal const int FormatVersion = 1;

    private readonly string _directory;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly List<Segment> _segments;
    private SqliteConnection? _writer;
    private SqliteCommand? _insert; // prepared once per segment: parsing the INSERT per batch showed in profiles
    private bool _rollRequested;
    private bool _disposed;
    private long _firstZxid;
    private long _lastZxid;

    private sealed record Segment(long NameZxid, string Path)
    {
        public string FileName => System.IO.Path.GetFileName(Path);
    }

    private SqliteJournal(string directory, List<Segment> segments, ILogger logger)
    {
        _directory = directory;
        _segments = segments;
        _logger = logger;
    }

    /// <summary>
    /// Opens the journal in <paramref name="directory"/> (created if missing) and validates every entry
    /// after <paramref name="validateAfterZxid"/> (the snapshot the member starts from): the first row whose
    /// checksum fails, or that breaks zxid order, is cut together with everything after it, and one
    /// warning says what was dropped. The first append after opening starts a new segment.
    /// </summary>
    public static SqliteJournal Open(string directory, ILogger logger, long validateAfterZxid = 0)
    {
        Directory.CreateDirectory(directory);
        var segments = SqliteFiles.List(directory, FilePrefix).Select(f => new Segment(f.Zxid, f.Path)).ToList();
        // Like a restarted ZooKeeper, the first append after opening starts a new segment: files written
        // before the restart (and possibly cut by validation) are never appended to again.
        var journal = new SqliteJournal(directory, segments, logger) { _rollRequested = true };
        journal.ValidateAndCutTail(validateAfterZxid);
        journal.RefreshBounds();
        return journal;
    }

    /// <inheritdoc />
    public long LastZxid { get { lock (_lock) return _lastZxid; } }

    /// <inheritdoc />
    public long FirstZxid { get { lock (_lock) return _firstZxid; } }

    /// <summary>Number of segment files currently on disk.</summary>
    public int SegmentCount { get { lock (_lock) return _segments.Count; } }

    /// <inheritdoc />
    public void Append(IReadOnlyList<JournalEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (entries.Count == 0) return;
            ZxidOrder.RequireIncreasing(_lastZxid, entries);

            var insert = InsertFor(entries[0].Zxid);
            using (var transaction = insert.Connection!.BeginTransaction())
            {
                insert.Transaction = transaction;
                var (zxid, type, payload, crc) = (insert.Parameters[0], insert.Parameters[1], insert.Parameters[2], insert.Parameters[3]);
                foreach (var entry in entries)
                {
                    zxid.Value = entry.Zxid;
                    type.Value = entry.TxnType;
                    payload.Value = WholeArrays.Of(entry.Payload);
                    crc.Value = (long)entry.ComputeChecksum();
                    insert.ExecuteNonQuery();
                }
                transaction.Commit();
            }
            if (_firstZxid == 0) _firstZxid = entries[0].Zxid;
            _lastZxid = entries[^1].Zxid;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Rows are checked against their checksum as they are read; a mismatch throws
    /// <see cref="JournalCorruptException"/> (recovery only validates entries after the snapshot).
    /// Segments are read lazily, each through its own read-only connection; a purge or truncation running
    /// meanwhile may delete a segment not yet reached, which then fails the read with a SqliteException.
    /// </remarks>
    public IEnumerable<JournalEntry> ReadFrom(long afterZxid)
    {
        Segment[] segments;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            segments = [.. _segments];
        }
        return ReadSegments(segments, afterZxid);
    }

    private static IEnumerable<JournalEntry> ReadSegments(Segment[] segments, long afterZxid)
    {
        for (var i = 0; i < segments.Length; i++)
        {
            // Names are lower bounds of their segment's zxids, so a segment is skipped only when the next one starts at or before the bound.
            if (i + 1 < segments.Length && segments[i + 1].NameZxid <= afterZxid + 1) continue;
            using var connection = OpenReadOnly(segments[i].Path);
            foreach (var row in ReadRows(connection, afterZxid))
            {
                if (!row.ChecksumMatches)
                    throw new JournalCorruptException(
                        $"Journal row zxid 0x{row.Entry.Zxid:x16} in {segments[i].FileName} fails its checksum.");
                yield return row.Entry;
            }
        }
    }

    /// <inheritdoc />
    public void TruncateAfter(long zxid)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            CloseWriter();
            // Whole later segments go first and durably, then the rows: a crash in between must not let
            // deleted segments reappear behind an already shortened one.
            var deletedFiles = false;
            while (_segments.Count > 0 && _segments[^1].NameZxid > zxid)
            {
                SqliteFiles.DeleteDatabase(_segments[^1].Path);
                _segments.RemoveAt(_segments.Count - 1);
                deletedFiles = true;
            }
            if (deletedFiles) SqliteFiles.SyncDirectory(_directory);
            if (_segments.Count > 0)
            {
                using var connection = SqliteFiles.Open(_segments[^1].Path);
                DeleteRowsFrom(connection, zxid + 1);
            }
            RefreshBounds();
        }
    }

    /// <inheritdoc />
    public void RollSegment()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            CloseWriter();
            _rollRequested = true;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// A segment is deleted when the next segment's name is at most <paramref name="zxid"/> + 1: all its
    /// entries are then below that name. Conservative across epoch jumps, where it may keep one segment more.
    /// </remarks>
    public int PurgeSegmentsUpTo(long zxid)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var purged = 0;
            while (_segments.Count > 1 && _segments[1].NameZxid - 1 <= zxid)
            {
                SqliteFiles.DeleteDatabase(_segments[0].Path);
                _segments.RemoveAt(0);
                purged++;
            }
            if (purged > 0)
            {
                SqliteFiles.SyncDirectory(_directory);
                RefreshBounds();
            }
            return purged;
        }
    }

    /// <summary>The journal_mode and synchronous settings of the connection that appends (opens it if needed).</summary>
    public SqlitePragmas ActivePragmas()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_segments.Count == 0) throw new InvalidOperationException("The journal has no segment yet; append first.");
            _writer ??= SqliteFiles.Open(_segments[^1].Path);
            return SqliteFiles.ReadPragmas(_writer);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            CloseWriter();
        }
    }

    private SqliteConnection WriterFor(long firstZxid)
    {
        if (_segments.Count > 0 && !_rollRequested)
            return _writer ??= SqliteFiles.Open(_segments[^1].Path);

        CloseWriter();
        var path = Path.Combine(_directory, SqliteFiles.FileName(FilePrefix, firstZxid));
        var connection = SqliteFiles.Open(path);
        try
        {
            SqliteFiles.Execute(connection,
                "CREATE TABLE IF NOT EXISTS entries (zxid INTEGER PRIMARY KEY, txn_type INTEGER NOT NULL, payload BLOB NOT NULL, crc INTEGER NOT NULL);" +
                $"PRAGMA user_version = {FormatVersion};");
            SqliteFiles.SyncDirectory(_directory);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        _segments.Add(new Segment(firstZxid, path));
        _rollRequested = false;
        return _writer = connection;
    }

    /// <summary>The prepared INSERT on the segment the next batch goes to.</summary>
    private SqliteCommand InsertFor(long firstZxid)
    {
        var writer = WriterFor(firstZxid);
        if (_insert?.Connection == writer) return _insert;
        _insert?.Dispose();
        _insert = writer.CreateCommand();
        _insert.CommandText = "INSERT INTO entries (zxid, txn_type, payload, crc) VALUES ($zxid, $type, $payload, $crc)";
        _insert.Parameters.Add("$zxid", SqliteType.Integer);
        _insert.Parameters.Add("$type", SqliteType.Integer);
        _insert.Parameters.Add("$payload", SqliteType.Blob);
        _insert.Parameters.Add("$crc", SqliteType.Integer);
        return _insert;
    }

    private void CloseWriter()
    {
        _insert?.Dispose();
        _insert = null;
        _writer?.Dispose();
        _writer = null;
    }

    /// <summary>Recomputes first and last zxid from the files (segments may be empty after a cut).</summary>
    private void RefreshBounds()
    {
        _firstZxid = 0;
        _lastZxid = 0;
        foreach (var segment in _segments)
        {
            using var connection = OpenReadOnly(segment.Path);
            if (ScalarLong(connection, "SELECT MIN(zxid) FROM entries") is { } min) { _firstZxid = min; break; }
        }
        for (var i = _segments.Count - 1; i >= 0; i--)
        {
            using var connection = OpenReadOnly(_segments[i].Path);
            if (ScalarLong(connection, "SELECT MAX(zxid) FROM entries") is { } max) { _lastZxid = max; break; }
        }
    }

    private static SqliteConnection OpenReadOnly(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static long? ScalarLong(SqliteConnection connection, string sql) =>
        SqliteFiles.Scalar(connection, sql) is long value ? value : null;

    private static void DeleteRowsFrom(SqliteConnection connection, long fromZxid)
    {
        using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM entries WHERE zxid >= $from";
        delete.Parameters.AddWithValue("$from", fromZxid);
        delete.ExecuteNonQuery();
    }

    private readonly record struct Row(JournalEntry Entry, bool ChecksumMatches);

    private static IEnumerable<Row> ReadRows(SqliteConnection connection, long afterZxid)
    {
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT zxid, txn_type, payload, crc FROM entries WHERE zxid > $after ORDER BY zxid";
        select.Parameters.AddWithValue("$after", afterZxid);
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            var entry = new JournalEntry(reader.GetInt64(0), reader.GetInt32(1), (byte[])reader.GetValue(2));
            yield return new Row(entry, entry.ComputeChecksum() == (uint)reader.GetInt64(3));
        }
    }
}
