using PerfSuite.Model.Statistics;

namespace PerfSuite.Model.Tests.Statistics;

public sealed class NormalDistributionTests
{
    // Expected values from Python's math.erfc (C99 libm), 0.5·erfc(−z/√2).
    [Theory]
    [InlineData(1.96, 0.9750021048517795)]
    [InlineData(0.5, 0.6914624612740131)]
    [InlineData(-1.2, 0.1150696702217083)]
    [InlineData(-3.0, 0.0013498980316300957)]
    [InlineData(-8.0, 6.220960574271819e-16)]
    [InlineData(0.0, 0.5)]
    public void Cdf_matches_libm_erfc_including_the_far_tail(double z, double expected)
    {
        // When
        var p = NormalDistribution.Cdf(z);

        // Then: relative error at the level of double rounding, also at 6e-16 where 1 − erf would be noise
        Assert.Equal(expected, p, expected * 1e-13);
    }

    [Fact]
    public void Upper_tail_is_the_mirror_of_the_cdf()
    {
        foreach (var z in new[] { -4.0, -1.0, 0.3, 2.2, 6.0 })
            Assert.Equal(NormalDistribution.Cdf(-z), NormalDistribution.UpperTail(z), 1e-15);
    }

    // Expected values from Python's statistics.NormalDist().inv_cdf (Wichura's AS241).
    [Theory]
    [InlineData(0.975, 1.9599639845400536)]
    [InlineData(0.995, 2.5758293035489)]
    [InlineData(0.8, 0.8416212335729144)]
    [InlineData(0.999, 3.090232306167813)]
    [InlineData(0.5, 0.0)]
    [InlineData(1e-10, -6.361340902404056)]
    [InlineData(0.025, -1.9599639845400538)]
    public void Quantile_matches_AS241(double p, double expected)
    {
        Assert.Equal(expected, NormalDistribution.Quantile(p), 1e-12);
    }

    [Fact]
    public void Quantile_inverts_the_cdf()
    {
        for (var p = 0.001; p < 1; p += 0.0137)
            Assert.Equal(p, NormalDistribution.Cdf(NormalDistribution.Quantile(p)), 1e-14);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Quantile_refuses_probabilities_outside_the_open_unit_interval(double p)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NormalDistribution.Quantile(p));
    }
}
