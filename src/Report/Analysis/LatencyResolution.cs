namespace PerfSuite.Report.Analysis;

/// <summary>How finely a recorded latency percentile can tell two values apart. The agents record request/response
/// latency in a log-linear histogram (HdrHistogram's layout, <c>LatencyHistogram</c> in LoadGen): exact below
/// 256 ns, above that every power of two split into 128 equal buckets, and a percentile is reported as the middle
/// of its bucket. Two percentiles one bucket apart differ by a bucket width whatever the true values were, so a
/// difference of one bucket is not a measured difference. The report only reads results files, so the layout is
/// restated here; the constants must follow LoadGen's.</summary>
public static class LatencyResolution
{
    private const int MantissaBits = 7;
    private const double ExactBelowNs = 2 << MantissaBits;

    /// <summary>The width, in µs, of the histogram bucket that holds <paramref name="microseconds"/>: 1.024 µs for
    /// a value between 131 and 262 µs, 0.512 µs between 65.5 and 131 µs.</summary>
    public static double BucketWidthUs(double microseconds)
    {
        var ns = microseconds * 1e3;
        if (!(ns >= ExactBelowNs))
            return 1e-3;
        var exponent = (int)Math.Floor(Math.Log2(ns));
        return Math.Pow(2, exponent - MantissaBits) / 1e3;
    }

    /// <summary>The resolution of a difference between two percentiles: the wider of their two buckets.</summary>
    public static double OfDifferenceUs(double a, double b) => Math.Max(BucketWidthUs(a), BucketWidthUs(b));
}
