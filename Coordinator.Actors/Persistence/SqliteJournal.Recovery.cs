using Microsoft.Data.Sqlite;

namespace Coordinator.Actors.Persistence;

public sealed partial class SqliteJournal
{
    private readonly record struct TailBreak(int SegmentIndex, long Zxid, string Reason);

    /// <summary>
    /// Walks every entry after <paramref name="afterZxid"/> across segments in order. The first row that fails
    /// its checksum or breaks the zxid order ends the valid journal: it and everything after it is deleted and
    /// logged once. Segments without any row (a crash before their first commit) are deleted.
    /// </summary>
    private void ValidateAndCutTail(long afterZxid)
    {
        DeleteEmptySegments();
        var tailBreak = FindTailBreak(afterZxid);
        if (tailBreak is not { } cut) return;

        // Later segments go first (and durably), then the rows: a crash in between leaves the bad row in
        // place, so the next recovery finds the same cut instead of resurrecting later entries.
        var dropped = 0;
        for (var i = _segments.Count - 1; i > cut.SegmentIndex; i--)
        {
            dropped += (int)CountRows(_segments[i].Path);
            SqliteFiles.DeleteDatabase(_segments[i].Path);
            _segments.RemoveAt(i);
        }
        SqliteFiles.SyncDirectory(_directory);

        var cutSegment = _segments[cut.SegmentIndex];
        using (var connection = SqliteFiles.Open(cutSegment.Path))
        {
            dropped += (int)ScalarLong(connection, $"SELECT COUNT(*) FROM entries WHERE zxid >= {cut.Zxid}")!.Value;
            DeleteRowsFrom(connection, cut.Zxid);
        }
        if (IsEmpty(cutSegment.Path))
        {
            SqliteFiles.DeleteDatabase(cutSegment.Path);
            _segments.RemoveAt(cut.SegmentIndex);
            SqliteFiles.SyncDirectory(_directory);
        }
        _logger.JournalTailCut(dropped, cut.Zxid, cut.Reason, cutSegment.FileName);
    }

    private TailBreak? FindTailBreak(long afterZxid)
    {
        var previous = afterZxid;
        for (var i = 0; i < _segments.Count; i++)
        {
            using var connection = OpenReadOnly(_segments[i].Path);
            foreach (var row in ReadRows(connection, afterZxid))
            {
                if (!row.ChecksumMatches) return new TailBreak(i, row.Entry.Zxid, "its checksum does not match");
                if (ZxidOrder.BreakBetween(previous, row.Entry.Zxid) is { } reason) return new TailBreak(i, row.Entry.Zxid, reason);
                previous = row.Entry.Zxid;
            }
        }
        return null;
    }

    private void DeleteEmptySegments()
    {
        var deleted = false;
        for (var i = _segments.Count - 1; i >= 0; i--)
        {
            if (!IsEmpty(_segments[i].Path)) continue;
            SqliteFiles.DeleteDatabase(_segments[i].Path);
            _logger.EmptySegmentDeleted(_segments[i].FileName);
            _segments.RemoveAt(i);
            deleted = true;
        }
        if (deleted) SqliteFiles.SyncDirectory(_directory);
    }

    private static bool IsEmpty(string path) => CountRows(path) == 0;

    private static long CountRows(string path)
    {
        // Opened read-write: a segment created but never committed may lack the table, which counts as empty.
        using var connection = SqliteFiles.Open(path);
        var hasTable = ScalarLong(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'entries'") > 0;
        return hasTable ? ScalarLong(connection, "SELECT COUNT(*) FROM entries")!.Value : 0;
    }
}
