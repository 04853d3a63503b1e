using PerfSuite.Model.Statistics;

namespace PerfSuite.Model.Tests.Statistics;

public sealed class FalseDiscoveryRateTests
{
    [Fact]
    public void Adjusted_p_values_match_R_p_adjust_BH()
    {
        // Given p-values in no particular order (R: p.adjust(p, "BH"))
        double[] p = [0.01, 0.04, 0.03, 0.005, 0.5];

        // When
        var adjusted = FalseDiscoveryRate.Adjust(p);

        // Then
        double[] expected = [0.025, 0.05, 0.05, 0.025, 0.5];
        for (var i = 0; i < p.Length; i++)
            Assert.Equal(expected[i], adjusted[i], 1e-12);
    }

    [Fact]
    public void One_test_is_not_adjusted()
    {
        Assert.Equal([0.003], FalseDiscoveryRate.Adjust([0.003]));
    }
}
