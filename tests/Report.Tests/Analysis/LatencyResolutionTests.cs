using PerfSuite.Report.Analysis;

namespace PerfSuite.Report.Tests.Analysis;

public sealed class LatencyResolutionTests
{
    [Theory]
    [InlineData(0.2, 0.001)]     // below 256 ns every nanosecond is a bucket
    [InlineData(0.3, 0.002)]     // 256–511 ns: 128 buckets of 2 ns
    [InlineData(100, 0.512)]     // 65.5–131 µs
    [InlineData(135, 1.024)]     // 131–262 µs: the "host adds 1.02 µs" of a p99 near 135 µs is one bucket
    [InlineData(700, 4.096)]     // 524–1049 µs
    public void A_bucket_is_a_128th_of_its_power_of_two(double microseconds, double width) =>
        Assert.Equal(width, LatencyResolution.BucketWidthUs(microseconds), 9);

    [Fact]
    public void A_difference_is_resolved_to_the_wider_of_the_two_buckets() =>
        Assert.Equal(1.024, LatencyResolution.OfDifferenceUs(120, 140), 9);
}
