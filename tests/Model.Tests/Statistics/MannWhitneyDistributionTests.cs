using PerfSuite.Model.Statistics;

namespace PerfSuite.Model.Tests.Statistics;

public sealed class MannWhitneyDistributionTests
{
    [Fact]
    public void Counts_match_exhaustive_enumeration_for_every_size_up_to_seven()
    {
        for (var m = 1; m <= 7; m++)
        {
            for (var n = 1; n <= 7; n++)
            {
                // Given every ordering of m + n values, enumerated
                var expected = ExhaustiveMannWhitney.Counts(m, n);

                // When
                var counts = new double[m * n + 1];
                MannWhitneyDistribution.FillCounts(m, n, counts);

                // Then
                Assert.Equal(expected.Select(c => (double)c), counts);
            }
        }
    }

    [Fact]
    public void Counts_sum_to_the_number_of_orderings_for_large_samples()
    {
        // Given 25 and 40 values (C(65, 25) ≈ 8.6e17, beyond exact integers in a double)
        var counts = new double[25 * 40 + 1];

        // When
        MannWhitneyDistribution.FillCounts(25, 40, counts);

        // Then the total is C(65, 25) to double precision, nothing is negative, and the shape is symmetric
        var expected = Math.Exp(LogChoose(65, 25));
        Assert.Equal(1.0, counts.Sum() / expected, 1e-9);
        Assert.All(counts, c => Assert.True(c >= 0));
        for (var u = 0; u < counts.Length; u++)
            Assert.Equal(counts[u], counts[^(u + 1)], Math.Max(1, counts[u]) * 1e-9);
    }

    [Theory]
    [InlineData(3, 0.1)]
    [InlineData(4, 2.0 / 70)]
    [InlineData(5, 2.0 / 252)]
    public void Smallest_p_value_is_two_over_the_number_of_orderings(int n, double expected)
    {
        Assert.Equal(expected, MannWhitneyDistribution.SmallestTwoSidedPValue(n, n), 1e-15);
        Assert.Equal(expected, MannWhitneyDistribution.TwoSidedPValue(n, n, 0), 1e-15);
    }

    [Theory]
    // Published critical values of U for equal sample sizes (reject when U ≤ value), two-sided α = 0.05 and
    // α = 0.01, e.g. the tables of Siegel & Castellan, "Nonparametric Statistics", table J.
    [InlineData(5, 0.05, 2)]
    [InlineData(6, 0.05, 5)]
    [InlineData(7, 0.05, 8)]
    [InlineData(8, 0.05, 13)]
    [InlineData(9, 0.05, 17)]
    [InlineData(10, 0.05, 23)]
    [InlineData(5, 0.01, 0)]
    [InlineData(6, 0.01, 2)]
    [InlineData(7, 0.01, 4)]
    [InlineData(8, 0.01, 7)]
    [InlineData(9, 0.01, 11)]
    [InlineData(10, 0.01, 16)]
    public void Critical_values_match_the_published_table(int n, double alpha, int criticalU)
    {
        // When
        var (critical, tail) = MannWhitneyDistribution.CriticalCount(n, n, alpha / 2);

        // Then "U ≤ criticalU" is the largest rejection region within α
        Assert.Equal(criticalU + 1, critical);
        Assert.True(tail <= alpha / 2);
        Assert.True(MannWhitneyDistribution.CumulativeProbability(n, n, criticalU + 1) > alpha / 2);
    }

    [Fact]
    public void No_outcome_is_significant_when_even_the_extreme_one_is_too_likely()
    {
        // Given 3 a side: P(U = 0) = 1/20 = 0.05, above α/2 = 0.005
        var (critical, tail) = MannWhitneyDistribution.CriticalCount(3, 3, 0.005);

        Assert.Equal(0, critical);
        Assert.Equal(0.0, tail);
    }

    private static double LogChoose(int n, int k)
    {
        var sum = 0.0;
        for (var i = 1; i <= k; i++)
            sum += Math.Log(n - k + i) - Math.Log(i);
        return sum;
    }
}
