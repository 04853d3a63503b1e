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

    [Theory]
    // Below six values no order-statistic interval reaches 95 %: the range, with its own coverage 1 − 2^(1 − n)
    [InlineData(2, 0.5)]
    [InlineData(3, 0.75)]
    [InlineData(4, 0.875)]
    [InlineData(5, 0.9375)]
    public void Fewer_than_six_values_give_the_range_with_its_true_coverage_not_95_percent(int n, double coverage)
    {
        // Given n values
        var sample = Enumerable.Range(0, n).Select(i => 10.0 + (i * 7 % n)).ToArray();

        // When
        var interval = MedianInterval.Compute(sample);

        // Then the interval is [min, max], labelled with the exact probability that it covers the median
        Assert.Equal(IntervalMethod.OrderStatistic, interval.Method);
        Assert.Equal(sample.Min(), interval.Lower);
        Assert.Equal(sample.Max(), interval.Upper);
        Assert.Equal(1, interval.Rank);
        Assert.Equal(coverage, interval.Coverage, 1e-15);
        Assert.Equal(coverage, MedianInterval.RangeCoverage(n), 1e-15);
        Assert.False(interval.ReachesLevel);
    }

    [Theory]
    [InlineData(3, 1, 0.75)]
    [InlineData(10, 2, 0.978515625)]
    [InlineData(10, 3, 0.890625)]
    public void Coverage_of_a_rank_is_one_minus_twice_the_binomial_tail(int n, int rank, double coverage)
    {
        Assert.Equal(coverage, MedianInterval.Coverage(n, rank), 1e-12);
    }

    [Theory]
    // The range of 3 independent values misses the median when all three fall on one side: 2 · (1/2)³ = 1/4
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void The_range_of_few_values_covers_the_median_as_often_as_its_label_says(int n)
    {
        // Given 20000 samples of n from a skewed (exponential) distribution with a fixed seed
        var random = new SplitMix64(7 + (ulong)n);
        var trueMedian = Math.Log(2);
        const int trials = 20000;
        var sample = new double[n];
        var covered = 0;
        double stated = double.NaN;

        // When
        for (var t = 0; t < trials; t++)
        {
            for (var i = 0; i < n; i++)
                sample[i] = -Math.Log(1 - (random.NextUInt64() >> 11) * (1.0 / (1UL << 53)));
            var interval = MedianInterval.Compute(sample);
            stated = interval.Coverage;
            if (interval.Contains(trueMedian))
                covered++;
        }

        // Then the observed coverage is within four standard errors of the stated one, and more than four away
        // from the 95 % the bootstrap used to claim
        var standardError = Math.Sqrt(stated * (1 - stated) / trials);
        var observed = (double)covered / trials;
        Assert.InRange(observed, stated - 4 * standardError, stated + 4 * standardError);
        Assert.True(Math.Abs(0.95 - observed) > 4 * standardError, $"observed {observed}");
    }

    [Fact]
    public void A_single_value_gives_a_degenerate_interval_that_covers_nothing()
    {
        var interval = MedianInterval.Compute([4.2]);

        Assert.Equal(4.2, interval.Lower);
        Assert.Equal(4.2, interval.Upper);
        Assert.Equal(0, interval.Coverage);
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
