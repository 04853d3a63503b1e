using PerfSuite.Model.Statistics;

namespace PerfSuite.Model.Tests.Statistics;

public sealed class PowerAnalysisTests
{
    [Theory]
    [InlineData(3, 0.10)]
    [InlineData(4, 0.0286)]
    [InlineData(5, 0.0079)]
    public void Smallest_p_value_per_repetition_count_matches_the_methodology(int n, double rounded)
    {
        Assert.Equal(rounded, Math.Round(PowerAnalysis.SmallestPValue(n), 4));
    }

    [Theory]
    [InlineData(0.05, 4)]
    [InlineData(0.01, 5)]
    [InlineData(0.001, 7)]
    [InlineData(0.2, 3)]
    public void Repetitions_to_reach_alpha_is_the_first_count_whose_smallest_p_is_below_alpha(double alpha, int expected)
    {
        Assert.Equal(expected, PowerAnalysis.RepetitionsToReachAlpha(alpha));
    }

    [Fact]
    public void Minimum_detectable_effect_matches_the_methodology_example()
    {
        // Given CV 3 %, n = 10, α = 0.05, power 0.8: 3.96 · 0.03 / √10 = 3.8 %
        var mde = PowerAnalysis.MinimumDetectableEffect(0.03, 10);

        Assert.Equal(0.038, Math.Round(mde, 3));
        Assert.Equal(3.96, Math.Round(PowerAnalysis.MinimumDetectableEffect(1, 1), 2));
    }

    [Fact]
    public void Required_repetitions_inverts_the_minimum_detectable_effect()
    {
        foreach (var n in new[] { 3, 5, 10, 17, 40 })
        {
            var mde = PowerAnalysis.MinimumDetectableEffect(0.04, n, 0.01);
            Assert.Equal(n, PowerAnalysis.RequiredRepetitions(mde, 0.04, 0.01));
        }
    }

    [Fact]
    public void Required_repetitions_grow_with_the_square_of_the_noise()
    {
        var quiet = PowerAnalysis.RequiredRepetitions(0.05, 0.02, 0.01);
        var noisy = PowerAnalysis.RequiredRepetitions(0.05, 0.04, 0.01);

        // (2.5758 + 0.8416)·√2·0.02/0.05 = 1.933 → 3.74 → 4;  ·0.04 → 14.95 → 15
        Assert.Equal(4, quiet);
        Assert.Equal(15, noisy);
    }
}
