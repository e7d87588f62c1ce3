namespace Coordinator.Actors.Tree;

/// <summary>
/// The raw ephemeralOwner a znode stores. 0 = persistent, a session id = ephemeral,
/// <see cref="Container"/> = container, 0xFF in the top byte = TTL node with the TTL in the low 40 bits
/// (so session ids must never start with 0xFF). Clients see 0 for containers and TTL nodes.
/// </summary>
public static class EphemeralOwner
{
    public const long Container = long.MinValue;
    public const long MaxTtlMs = 0xFF_FFFF_FFFFL;
    private const long TtlMask = unchecked((long)0xFF00_0000_0000_0000UL);

    public static long ForTtl(long ttlMs)
    {
        if (ttlMs is < 1 or > MaxTtlMs)
        {
            throw new ArgumentOutOfRangeException(nameof(ttlMs), ttlMs, "TTL must be 1 .. 2^40-1 ms");
        }
        return TtlMask | ttlMs;
    }

    public static bool IsContainer(long owner) => owner == Container;

    public static bool IsTtl(long owner) => owner != Container && (owner & TtlMask) == TtlMask;

    /// <summary>A session owns the node: it dies with the session and may have no children.</summary>
    public static bool IsSession(long owner) => owner != 0 && !IsContainer(owner) && !IsTtl(owner);

    public static long TtlOf(long owner) => IsTtl(owner) ? owner & MaxTtlMs : 0;

    /// <summary>The value clients see in Stat.ephemeralOwner.</summary>
    public static long Visible(long owner) => IsSession(owner) ? owner : 0;
}
