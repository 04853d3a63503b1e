using PerfSuite.Model.Statistics;

namespace PerfSuite.Model.Tests.Statistics;

public sealed class StudentTDistributionTests
{
    [Theory]
    // Quantiles from R: qt(p, df)
    [InlineData(0.975, 1, 12.706204736174704)]
    [InlineData(0.95, 2, 2.919985580355516)]
    [InlineData(0.975, 3, 3.182446305284263)]
    [InlineData(0.99, 3, 4.540702858698419)]
    [InlineData(0.995, 10, 3.169272672616898)]
    [InlineData(0.9, 29, 1.311433647208735)]
    public void Quantiles_match_published_values(double p, int df, double expected)
    {
        Assert.Equal(expected, StudentTDistribution.Quantile(p, df), 1e-9 * expected);
        Assert.Equal(-expected, StudentTDistribution.Quantile(1 - p, df), 1e-9 * expected);
    }

    [Theory]
    // P(T ≤ t) by numerical integration of the density (the closed form is checked against it)
    [InlineData(-6.15, 3, 0.0043246331268)]
    [InlineData(1.0, 1, 0.75)]
    [InlineData(0.0, 7, 0.5)]
    [InlineData(-2.0, 4, 0.05805826175840775)]
    public void Cumulative_probabilities_match_published_values(double t, int df, double expected)
    {
        Assert.Equal(expected, StudentTDistribution.Cdf(t, df), 1e-6 * Math.Max(expected, 1e-3));
    }

    [Fact]
    public void Many_degrees_of_freedom_approach_the_normal()
    {
        Assert.Equal(NormalDistribution.Cdf(-2.5), StudentTDistribution.Cdf(-2.5, 2000), 1e-4);
    }
}
