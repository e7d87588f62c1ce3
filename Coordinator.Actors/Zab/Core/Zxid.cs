namespace Coordinator.Actors.Zab.Core;

/// <summary>
/// A Zab transaction id: the epoch of the leader that proposed it (high 32 bits) and that leader's
/// counter within the epoch (low 32 bits). Ordered by epoch, then counter, which is the order of the
/// packed 64-bit value. Counter 0 of an epoch names the epoch's start (NEWLEADER); proposals start at 1.
/// </summary>
public readonly record struct Zxid(uint Epoch, uint Counter) : IComparable<Zxid>
{
    /// <summary>The zxid before any transaction: an empty history.</summary>
    public static Zxid Zero => default;

    /// <summary>The packed form (epoch &lt;&lt; 32) | counter, as ZooKeeper stores it.</summary>
    public long ToLong() => ((long)Epoch << 32) | Counter;

    /// <summary>Unpacks (epoch &lt;&lt; 32) | counter.</summary>
    public static Zxid FromLong(long value) => new((uint)((ulong)value >> 32), (uint)value);

    /// <summary>The first zxid a leader of <paramref name="epoch"/> proposes.</summary>
    public static Zxid FirstOf(uint epoch) => new(epoch, 1);

    /// <summary>The next counter in the same epoch.</summary>
    public Zxid Next() => Counter == uint.MaxValue
        ? throw new InvalidOperationException($"Zxid counter of epoch {Epoch} is exhausted; a new epoch is needed.")
        : new Zxid(Epoch, Counter + 1);

    /// <summary>True when <paramref name="next"/> may directly follow this zxid in a log: counter + 1 in
    /// the same epoch, or any zxid of a later epoch.</summary>
    public bool IsFollowedBy(Zxid next) => next.Epoch == Epoch ? next.Counter == Counter + 1L : next.Epoch > Epoch;

    public int CompareTo(Zxid other) => Epoch != other.Epoch ? Epoch.CompareTo(other.Epoch) : Counter.CompareTo(other.Counter);

    public static bool operator <(Zxid a, Zxid b) => a.CompareTo(b) < 0;
    public static bool operator >(Zxid a, Zxid b) => a.CompareTo(b) > 0;
    public static bool operator <=(Zxid a, Zxid b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Zxid a, Zxid b) => a.CompareTo(b) >= 0;

    public static Zxid Max(Zxid a, Zxid b) => a >= b ? a : b;
    public static Zxid Min(Zxid a, Zxid b) => a <= b ? a : b;

    public override string ToString() => $"0x{ToLong():x}";
}
