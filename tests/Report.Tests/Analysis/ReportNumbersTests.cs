using PerfSuite.Report.Analysis;

namespace PerfSuite.Report.Tests.Analysis;

public sealed class ReportNumbersTests
{
    [Theory]
    [InlineData(0.843, "84 %")]
    [InlineData(0.0346, "3.5 %")]
    [InlineData(1.12, "112 %")]
    [InlineData(0.0, "0 %")]
    public void Percentages_keep_two_significant_digits(double fraction, string expected) =>
        Assert.Equal(expected, ReportNumbers.Percent(fraction));

    [Theory]
    [InlineData(0.38, "+38 %")]
    [InlineData(-0.304, "\u221230 %")]
    [InlineData(0.0, "±0 %")]
    public void Changes_carry_a_sign_and_a_true_minus(double change, string expected) =>
        Assert.Equal(expected, ReportNumbers.SignedPercent(change));

    [Theory]
    [InlineData(9.4153e9, "9.42")]
    [InlineData(21.0e9, "21")]
    [InlineData(0.0900e9, "0.09")]
    [InlineData(123.4e9, "123")]
    public void Goodput_is_written_in_gbit_with_three_significant_digits(double bps, string expected) =>
        Assert.Equal(expected, ReportNumbers.Gbit(bps));

    [Fact]
    public void Latency_switches_to_milliseconds_from_one_thousand_microseconds()
    {
        Assert.Equal("46.8 µs", ReportNumbers.Microseconds(46.8));
        Assert.Equal("1.23 ms", ReportNumbers.Microseconds(1234));
    }
}
