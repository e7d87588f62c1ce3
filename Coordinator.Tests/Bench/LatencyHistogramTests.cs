using Coordinator.Bench.Load;

namespace Coordinator.Tests.Bench;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_of_a_uniform_spread_are_within_the_bucket_precision()
    {
        var histogram = new LatencyHistogram();
        for (long microseconds = 1; microseconds <= 10_000; microseconds++)
            histogram.Record(microseconds * 1000);

        foreach (var (percentile, expected) in new[] { (50.0, 5_000_000.0), (99.0, 9_900_000.0), (99.9, 9_990_000.0) })
        {
            var value = histogram.ValueAtPercentile(percentile);
            Assert.InRange(value, expected * 0.97, expected * 1.03);
        }
        Assert.Equal(10_000_000, histogram.ValueAtPercentile(100));
        Assert.Equal(1000, histogram.ValueAtPercentile(0));
    }

    [Fact]
    public void Small_values_are_counted_exactly()
    {
        var histogram = new LatencyHistogram();
        foreach (var value in new long[] { 3, 3, 7, 31 })
            histogram.Record(value);

        Assert.Equal(3, histogram.ValueAtPercentile(50));
        Assert.Equal(7, histogram.ValueAtPercentile(75));
        Assert.Equal(31, histogram.ValueAtPercentile(100));
        Assert.Equal(11, histogram.Mean);
    }

    [Fact]
    public void Merging_adds_counts_and_keeps_the_extremes()
    {
        var first = new LatencyHistogram();
        var second = new LatencyHistogram();
        first.Record(1_000);
        second.Record(5_000_000);
        second.Record(2);

        first.Add(second);

        Assert.Equal(3, first.Count);
        Assert.Equal(5_000_000, first.Max);
        Assert.Equal(2, first.ValueAtPercentile(0));
    }

    [Fact]
    public void Every_bucket_starts_where_the_previous_one_ends()
    {
        for (var index = 1; index < 1800; index++)
            Assert.Equal(index, LatencyHistogram.Index(LatencyHistogram.LowerBound(index)));
        Assert.Equal(LatencyHistogram.Index(long.MaxValue), LatencyHistogram.Index(LatencyHistogram.LowerBound(LatencyHistogram.Index(long.MaxValue))));
    }

    [Fact]
    public void An_empty_histogram_reports_zero()
    {
        var histogram = new LatencyHistogram();

        Assert.Equal(0, histogram.ValueAtPercentile(99));
        Assert.Equal(0, histogram.Mean);
    }
}
