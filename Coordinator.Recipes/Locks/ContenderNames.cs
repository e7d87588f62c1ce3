namespace Coordinator.Recipes.Locks;

/// <summary>
/// Names of the lock's contender nodes: <c>_c_&lt;guid&gt;-lock-&lt;sequence&gt;</c>, the shape Curator uses, so
/// both recipes queue fairly on one lock path. The guid is the contender's own, so a create whose reply was
/// lost can be found again; the server appends the sequence number that orders the queue.
/// </summary>
internal static class ContenderNames
{
    private const string SequenceMarker = "lock-";

    /// <summary>A fresh prefix for one acquisition; the server appends the sequence number to it.</summary>
    public static string NewPrefix() => $"_c_{Guid.NewGuid()}-{SequenceMarker}";

    /// <summary>The contenders among <paramref name="children"/>, first in line first. Names that are not contenders are ignored.</summary>
    public static List<string> InQueueOrder(IEnumerable<string> children)
    {
        var queue = new List<(long Sequence, string Name)>();
        foreach (var child in children)
        {
            if (TryGetSequence(child, out var sequence))
                queue.Add((sequence, child));
        }

        queue.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return queue.ConvertAll(entry => entry.Name);
    }

    /// <summary>The child created with <paramref name="prefix"/>, or null if there is none.</summary>
    public static string? FindOwn(IEnumerable<string> children, string prefix) =>
        children.FirstOrDefault(child => child.StartsWith(prefix, StringComparison.Ordinal));

    private static bool TryGetSequence(string name, out long sequence)
    {
        sequence = 0;
        var marker = name.LastIndexOf(SequenceMarker, StringComparison.Ordinal);
        return marker >= 0 && long.TryParse(name.AsSpan(marker + SequenceMarker.Length), out sequence);
    }
}
