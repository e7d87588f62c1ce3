using System.Numerics;

namespace Coordinator.Bench.Load;

/// <summary>
/// Latencies in nanoseconds, counted in log-linear buckets: each power of two is split into 32 equal
/// buckets, so any recorded value is known to within about 3 % with a fixed 15 KiB of counters and no
/// allocation per record. Not thread-safe: each worker records into its own and they are merged.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 5;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int BucketCount = (64 - SubBucketBits + 1) * SubBuckets;

    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }

    public long Max { get; private set; }

    public long Min { get; private set; } = long.MaxValue;

    private double _sum;

    public double Mean => Count == 0 ? 0 : _sum / Count;

    public void Record(long nanoseconds)
    {
        var value = Math.Max(0, nanoseconds);
        _counts[Index(value)]++;
        Count++;
        _sum += value;
        Max = Math.Max(Max, value);
        Min = Math.Min(Min, value);
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < BucketCount; i++)
            _counts[i] += other._counts[i];
        Count += other.Count;
        _sum += other._sum;
        Max = Math.Max(Max, other.Max);
        Min = Math.Min(Min, other.Min);
    }

    /// <summary>
    /// The value at or below which <paramref name="percentile"/> % of the records fall: the middle of
    /// that bucket, clamped to the exact min and max. 0 when empty.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        if (Count == 0) return 0;
        var rank = (long)Math.Ceiling(Math.Clamp(percentile, 0, 100) / 100 * Count);
        rank = Math.Max(rank, 1);
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
                return Math.Clamp(Middle(i), Min, Max);
        }
        return Max;
    }

    /// <summary>The bucket <paramref name="value"/> is counted in.</summary>
    public static int Index(long value)
    {
        if (value < SubBuckets) return (int)value;
        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var mantissa = (int)(value >> (exponent - SubBucketBits)) & (SubBuckets - 1);
        return (exponent - SubBucketBits + 1) * SubBuckets + mantissa;
    }

    /// <summary>The smallest value counted in bucket <paramref name="index"/>.</summary>
    public static long LowerBound(int index)
    {
        if (index < SubBuckets) return index;
        var exponent = index / SubBuckets + SubBucketBits - 1;
        var mantissa = index % SubBuckets;
        return (long)(SubBuckets + mantissa) << (exponent - SubBucketBits);
    }

    private static long Middle(int index)
    {
        var lower = LowerBound(index);
        var width = index < SubBuckets ? 1 : 1L << (index / SubBuckets - 1);
        return lower + width / 2;
    }
}
