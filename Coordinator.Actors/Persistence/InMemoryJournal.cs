namespace Coordinator.Actors.Persistence;

/// <summary>
/// The journal's twin for simulation tests: same ordering rules and segment behaviour, nothing on disk.
/// Payloads are copied on append so later changes to the caller's buffers cannot alter history.
/// </summary>
public sealed class InMemoryJournal : IJournal
{
    private readonly Lock _lock = new();
    private readonly List<List<JournalEntry>> _segments = [];
    private bool _rollRequested;

    /// <summary>Number of segments currently held.</summary>
    public int SegmentCount { get { lock (_lock) return _segments.Count; } }

    /// <inheritdoc />
    public long LastZxid
    {
        get { lock (_lock) return _segments.LastOrDefault(s => s.Count > 0) is { } s ? s[^1].Zxid : 0; }
    }

    /// <inheritdoc />
    public long FirstZxid
    {
        get { lock (_lock) return _segments.FirstOrDefault(s => s.Count > 0) is { } s ? s[0].Zxid : 0; }
    }

    /// <inheritdoc />
    public void Append(IReadOnlyList<JournalEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_lock)
        {
            if (entries.Count == 0) return;
            ZxidOrder.RequireIncreasing(LastZxid, entries);
            if (_segments.Count == 0 || _rollRequested)
            {
                _segments.Add([]);
                _rollRequested = false;
            }
            _segments[^1].AddRange(entries.Select(e => e with { Payload = e.Payload.ToArray() }));
        }
    }

    /// <inheritdoc />
    public IEnumerable<JournalEntry> ReadFrom(long afterZxid)
    {
        lock (_lock) return _segments.SelectMany(s => s).Where(e => e.Zxid > afterZxid).ToList();
    }

    /// <inheritdoc />
    public void TruncateAfter(long zxid)
    {
        lock (_lock)
        {
            foreach (var segment in _segments) segment.RemoveAll(e => e.Zxid > zxid);
            // Like the SQLite journal, a segment that now starts after the cut no longer exists.
            while (_segments.Count > 0 && _segments[^1].Count == 0) _segments.RemoveAt(_segments.Count - 1);
        }
    }

    /// <inheritdoc />
    public void RollSegment()
    {
        lock (_lock) _rollRequested = true;
    }

    /// <inheritdoc />
    /// <remarks>Same rule as the SQLite journal: a segment goes when its successor starts at most one above <paramref name="zxid"/>.</remarks>
    public int PurgeSegmentsUpTo(long zxid)
    {
        lock (_lock)
        {
            var purged = 0;
            while (_segments.Count > 1 && _segments[1][0].Zxid - 1 <= zxid)
            {
                _segments.RemoveAt(0);
                purged++;
            }
            return purged;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
