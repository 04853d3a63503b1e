using PerfSuite.Model.Statistics;

namespace PerfSuite.Model.Tests.Statistics;

public sealed class MannWhitneyTestTests
{
    [Fact]
    public void Exact_p_value_equals_the_exhaustive_permutation_p_value()
    {
        var random = new SplitMix64(7);
        for (var trial = 0; trial < 40; trial++)
        {
            // Given two random samples of 2..7 values, the second shifted by a random amount
            var m = 2 + random.NextInt(6);
            var n = 2 + random.NextInt(6);
            var shift = random.NextInt(4) * 0.5;
            var a = Enumerable.Range(0, m).Select(_ => Uniform(random)).ToArray();
            var b = Enumerable.Range(0, n).Select(_ => Uniform(random) + shift).ToArray();

            // When
            var result = MannWhitneyTest.Compute(a, b);

            // Then
            Assert.Equal(MannWhitneyMethod.Exact, result.Method);
            Assert.Equal(ExhaustiveMannWhitney.PermutationPValue(a, b), result.PValue, 1e-12);
        }
    }

    [Fact]
    public void Exact_p_value_of_a_worked_example()
    {
        // Given A = 1.1 2.3 3.5 4.2 5.9 and B = 3.1 6.2 7.7 8.4 9.0 10.5: B beats A in 27 of 30 pairs
        double[] a = [1.1, 2.3, 3.5, 4.2, 5.9];
        double[] b = [3.1, 6.2, 7.7, 8.4, 9.0, 10.5];

        // When
        var result = MannWhitneyTest.Compute(a, b);

        // Then p = 2·P(U ≤ 3) = 2·(1 + 1 + 2 + 3)/462
        Assert.Equal(27, result.U);
        Assert.Equal(14.0 / 462, result.PValue, 1e-15);
        Assert.Equal(0.9, result.ProbabilityBGreater, 1e-15);
    }

    [Fact]
    public void One_sided_p_values_are_the_exact_tails_in_each_direction()
    {
        // Given the worked example: B beats A in 27 of 30 pairs
        double[] a = [1.1, 2.3, 3.5, 4.2, 5.9];
        double[] b = [3.1, 6.2, 7.7, 8.4, 9.0, 10.5];

        // When
        var result = MannWhitneyTest.Compute(a, b);

        // Then "B larger" has p = P(U ≥ 27) = 7/462, half the two-sided p; "B smaller" is near 1
        Assert.Equal(7.0 / 462, result.GreaterPValue, 1e-15);
        Assert.Equal(1 - 4.0 / 462, result.LessPValue, 1e-15);
        // And with 3 a side and B entirely below A, the smallest one-sided p is 1/C(6, 3) = 0.05
        Assert.Equal(0.05, MannWhitneyTest.Compute([10.0, 11.0, 12.0], [7.0, 8.0, 9.0]).LessPValue, 1e-15);
    }

    [Fact]
    public void Ties_use_the_normal_approximation_with_tie_and_continuity_correction()
    {
        // Given A = 1 2 2 3 and B = 2 3 4 5: mid-ranks give R_B = 23.5, U = 13.5; ties of 3 and 2 values,
        // σ² = 16/12·(9 − 30/56); z = (5.5 − 0.5)/σ = 1.48835 (R: wilcox.test(..., exact=FALSE) p = 0.1367)
        double[] a = [1, 2, 2, 3];
        double[] b = [2, 3, 4, 5];

        // When
        var result = MannWhitneyTest.Compute(a, b);

        // Then
        Assert.True(result.HasTies);
        Assert.Equal(MannWhitneyMethod.NormalApproximation, result.Method);
        Assert.Equal(13.5, result.U);
        Assert.Equal(0.13665824773814753, result.PValue, 1e-12);
    }

    [Fact]
    public void Normal_approximation_approaches_the_exact_distribution_for_large_samples()
    {
        // Given 60 a side (beyond the exact limit) and a modest shift, without ties
        var random = new SplitMix64(11);
        var a = Enumerable.Range(0, 60).Select(_ => Uniform(random)).ToArray();
        var b = Enumerable.Range(0, 60).Select(_ => Uniform(random) + 0.12).ToArray();

        // When
        var result = MannWhitneyTest.Compute(a, b);

        // Then the method switches, and the p-value agrees with a direct z computation on U
        Assert.Equal(MannWhitneyMethod.NormalApproximation, result.Method);
        var sigma = Math.Sqrt(60.0 * 60 * 121 / 12);
        var z = (Math.Abs(result.U - 1800) - 0.5) / sigma;
        Assert.Equal(2 * NormalDistribution.UpperTail(z), result.PValue, 1e-12);
    }

    [Fact]
    public void Identical_samples_give_p_of_one()
    {
        double[] sample = [5, 5, 5];

        var result = MannWhitneyTest.Compute(sample, sample);

        Assert.Equal(1.0, result.PValue);
    }

    [Fact]
    public void Three_repetitions_a_side_never_reach_five_percent()
    {
        // Given the most extreme outcome possible with 3 a side
        var result = MannWhitneyTest.Compute([1.0, 2.0, 3.0], [10.0, 11.0, 12.0]);

        // Then p is 2/C(6,3) = 0.10
        Assert.Equal(0.1, result.PValue, 1e-15);
        Assert.Equal(9, result.U);
    }

    private static double Uniform(SplitMix64 random) => (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
