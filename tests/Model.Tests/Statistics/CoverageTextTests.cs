using PerfSuite.Model.Statistics;

namespace PerfSuite.Model.Tests.Statistics;

public sealed class CoverageTextTests
{
    [Theory]
    [InlineData(3, 1, "range of 3, covers the median 75 %")]
    [InlineData(5, 1, "range of 5, covers the median 93.8 %")]
    [InlineData(6, 1, "range of 6, covers the median 96.9 %")]
    [InlineData(10, 2, "2nd to 2nd-largest of 10, covers the median 97.9 %")]
    [InlineData(1, 1, "1 repetition, no interval")]
    public void A_median_interval_is_named_with_its_true_coverage(int n, int rank, string expected)
    {
        // Given the exact coverage of the interval the summariser builds
        var coverage = n == 1 ? 0 : MedianInterval.Coverage(n, rank);

        // When / Then
        Assert.Equal(expected, CoverageText.MedianInterval(n, rank, coverage));
    }

    [Fact]
    public void A_coverage_short_of_certainty_never_prints_as_100_percent()
    {
        Assert.Equal("99.9 %", CoverageText.Percent(1 - Math.Pow(2, -20)));
        Assert.Equal("100 %", CoverageText.Percent(1));
        Assert.Equal("87.5 %", CoverageText.Percent(0.875));
    }
}
