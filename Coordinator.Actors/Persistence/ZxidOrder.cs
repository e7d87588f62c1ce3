namespace Coordinator.Actors.Persistence;

/// <summary>The ordering rules a journal checks on append and again on recovery.</summary>
internal static class ZxidOrder
{
    /// <summary>Throws unless the batch is strictly increasing and starts above <paramref name="lastZxid"/>.</summary>
    public static void RequireIncreasing(long lastZxid, IReadOnlyList<JournalEntry> entries)
    {
        var previous = lastZxid;
        foreach (var entry in entries)
        {
            if (entry.Zxid <= previous)
                throw new ArgumentException(
                    $"Journal append out of order: zxid 0x{entry.Zxid:x16} does not follow 0x{previous:x16}.", nameof(entries));
            previous = entry.Zxid;
        }
    }

    /// <summary>
    /// Why <paramref name="next"/> cannot follow <paramref name="previous"/> in a replayed journal, or null if it can.
    /// Within an epoch the counter rises by exactly one; a new epoch may start at any counter.
    /// </summary>
    public static string? BreakBetween(long previous, long next)
    {
        if (next <= previous) return $"zxid 0x{next:x16} does not increase after 0x{previous:x16}";
        if (Epoch(next) == Epoch(previous) && next != previous + 1)
            return $"gap: zxid 0x{next:x16} follows 0x{previous:x16}";
        return null;
    }

    private static long Epoch(long zxid) => zxid >>> 32;
}
