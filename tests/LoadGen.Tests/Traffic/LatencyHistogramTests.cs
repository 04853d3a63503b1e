using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.LoadGen.Tests.Traffic;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_of_a_uniform_range_are_within_one_percent()
    {
        // Given 1 µs .. 10,000 µs, one of each
        var histogram = new LatencyHistogram();
        for (var us = 1; us <= 10_000; us++)
            histogram.Record(us * 1000L);

        // When
        var s = histogram.Summary();

        // Then: nearest rank, within 1 % (the layout promises 0.4 %); min and max exact
        Assert.Equal(10_000, s.Count);
        Assert.Equal(1.0, s.MinUs);
        Assert.Equal(10_000.0, s.MaxUs);
        Assert.Equal(5000.5, s.MeanUs, 6);
        Assert.InRange(s.P50Us, 5000 * 0.99, 5000 * 1.01);
        Assert.InRange(s.P90Us, 9000 * 0.99, 9000 * 1.01);
        Assert.InRange(s.P99Us, 9900 * 0.99, 9900 * 1.01);
        Assert.InRange(s.P999Us, 9990 * 0.99, 9990 * 1.01);
    }

    [Fact]
    public void Every_value_is_reported_within_its_bucket_error()
    {
        var random = new Random(7);
        for (var i = 0; i < 100_000; i++)
        {
            var value = (long)Math.Exp(random.NextDouble() * Math.Log(1e12));
            var (low, width) = LatencyHistogram.BucketOf(LatencyHistogram.IndexOf(value));
            Assert.InRange(value, low, low + width - 1);
            var middle = low + (width - 1) / 2.0;
            Assert.True(Math.Abs(middle - value) <= value / 256.0 + 0.5, $"{value}: {middle}");
        }
    }

    [Fact]
    public void Values_below_256_ns_are_exact()
    {
        var histogram = new LatencyHistogram();
        foreach (var v in new long[] { 3, 3, 3, 200, 255 })
            histogram.Record(v);

        Assert.Equal(3, histogram.Percentile(0.5));
        Assert.Equal(255, histogram.Percentile(0.99));
        Assert.Equal(200, histogram.Percentile(0.8));
    }

    [Fact]
    public void A_tail_of_one_slow_transaction_in_a_thousand_shows_at_p999_only()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 999; i++)
            histogram.Record(20_000);
        histogram.Record(5_000_000);

        var s = histogram.Summary();
        Assert.InRange(s.P99Us, 19.9, 20.1);
        Assert.InRange(s.P999Us, 19.9, 20.1);
        Assert.Equal(5000, s.MaxUs);
        Assert.InRange(histogram.Percentile(0.9995) / 1e3, 5000 * 0.996, 5000);
    }

    [Fact]
    public void Merged_snapshots_give_the_percentiles_of_all_values_not_the_mean_of_percentiles()
    {
        // Given two repetitions: one fast (10 µs), one slow (1000 µs), with 900 and 100 transactions
        var fast = new LatencyHistogram();
        for (var i = 0; i < 900; i++)
            fast.Record(10_000);
        var slow = new LatencyHistogram();
        for (var i = 0; i < 100; i++)
            slow.Record(1_000_000);

        // When merged through their serialisable snapshots
        var merged = LatencyHistogram.From(fast.Snapshot());
        merged.Add(slow.Snapshot());

        // Then p50 is the fast value (not the 505 µs mean of the two medians) and p99 the slow one
        Assert.Equal(1000, merged.Count);
        Assert.InRange(merged.Percentile(0.5) / 1e3, 9.9, 10.1);
        Assert.InRange(merged.Percentile(0.99) / 1e3, 990, 1010);
        Assert.Equal(10, merged.Summary().MinUs);
        Assert.Equal(1000, merged.Summary().MaxUs);
    }

    [Fact]
    public void Recording_does_not_allocate()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
            histogram.Record(i * 37L);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
