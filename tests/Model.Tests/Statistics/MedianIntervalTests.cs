using PerfSuite.Model.Statistics;

namespace PerfSuite.Model.Tests.Statistics;

public sealed class MedianIntervalTests
{
    [Theory]
    // n, 1-based rank j of [X(j), X(n+1-j)], exact coverage 1 − 2·P(Bin(n, ½) ≤ j − 1)
    [InlineData(6, 1, 0.96875)]
    [InlineData(10, 2, 0.978515625)]
    [InlineData(20, 6, 0.9586105346679688)]
    public void Order_statistic_ranks_match_the_binomial_table(int n, int rank, double coverage)
    {
        var (j, c) = MedianInterval.OrderStatisticRank(n, 0.95);

        Assert.Equal(rank, j);
        Assert.Equal(coverage, c, 1e-12);
    }

    [Fact]
    public void Six_values_give_the_distribution_free_interval_from_min_to_max()
    {
        // Given
        double[] sample = [9.1, 9.4, 9.0, 9.3, 9.2, 9.6];

        // When
        var interval = MedianInterval.Compute(sample);

        // Then
        Assert.Equal(IntervalMethod.OrderStatistic, interval.Method);
        Assert.Equal(9.25, interval.Estimate, 1e-12);
        Assert.Equal(9.0, interval.Lower);
        Assert.Equal(9.6, interval.Upper);
        Assert.Equal(0.96875, interval.Coverage, 1e-12);
        Assert.True(interval.ReachesLevel);
    }

    [Fact]
    public void Twenty_values_give_the_sixth_and_fifteenth_order_statistics()
    {
        var sample = Enumerable.Range(1, 20).Select(i => (double)(i * 13 % 20 + 1)).ToArray();

        var interval = MedianInterval.Compute(sample);

        Assert.Equal(6.0, interval.Lower);
        Assert.Equal(15.0, interval.Upper);
    }

    [Fact]
    public void Five_values_fall_back_to_a_reproducible_bootstrap()
    {
        // Given five values: even [min, max] covers only 93.75 %, short of 95 %
        double[] sample = [10.0, 12.0, 11.0, 15.0, 9.0];

        // When the interval is computed twice with the default seed
        var first = MedianInterval.Compute(sample);
        var second = MedianInterval.Compute(sample);

        // Then the method says bootstrap, the result repeats exactly, and it stays within the data
        Assert.Equal(IntervalMethod.Bootstrap, first.Method);
        Assert.Equal(first, second);
        Assert.Equal(11.0, first.Estimate);
        Assert.InRange(first.Lower, 9.0, 11.0);
        Assert.InRange(first.Upper, 11.0, 15.0);
        Assert.True(first.Lower < first.Upper);
    }

    [Fact]
    public void A_single_value_gives_a_degenerate_interval()
    {
        var interval = MedianInterval.Compute([4.2]);

        Assert.Equal(4.2, interval.Lower);
        Assert.Equal(4.2, interval.Upper);
    }

    [Fact]
    public void Order_statistic_interval_covers_the_true_median_as_often_as_it_promises()
    {
        // Given 4000 samples of 10 from an exponential distribution (median ln 2), drawn with a fixed seed
        var random = new SplitMix64(42);
        var trueMedian = Math.Log(2);
        var covered = 0;
        const int trials = 4000;
        var sample = new double[10];

        // When
        for (var t = 0; t < trials; t++)
        {
            for (var i = 0; i < sample.Length; i++)
                sample[i] = -Math.Log(1 - (random.NextUInt64() >> 11) * (1.0 / (1UL << 53)));
            if (MedianInterval.Compute(sample).Contains(trueMedian))
                covered++;
        }

        // Then the observed coverage is within four standard errors of the exact 97.85 %
        var expected = 0.978515625;
        var standardError = Math.Sqrt(expected * (1 - expected) / trials);
        Assert.InRange((double)covered / trials, expected - 4 * standardError, expected + 4 * standardError);
    }
}
