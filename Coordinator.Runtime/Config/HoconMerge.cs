namespace Coordinator.Runtime.Configuration;

/// <summary>HOCON's rule for a key defined twice: objects merge field by field, anything else is replaced.</summary>
internal static class HoconMerge
{
    /// <summary>Combines an earlier (lower priority) definition with a later one. Never mutates its inputs.</summary>
    public static HoconValue Combine(HoconValue earlier, HoconValue later)
    {
        if (earlier is HoconObject earlierObject && later is HoconObject laterObject)
            return MergeObjects(earlierObject, laterObject);

        // An optional substitution that finds nothing must leave the earlier value in place.
        if (later is HoconSubstitution { Optional: true } substitution)
            return substitution.WithFallback(substitution.Fallback is null ? earlier : Combine(earlier, substitution.Fallback));

        return later;
    }

    public static HoconObject MergeObjects(HoconObject earlier, HoconObject later)
    {
        var merged = new HoconObject(later.Position);
        foreach (var key in earlier.Keys)
            merged.Set(key, earlier[key]!);
        foreach (var key in later.Keys)
            merged.Merge(key, later[key]!);
        return merged;
    }
}
