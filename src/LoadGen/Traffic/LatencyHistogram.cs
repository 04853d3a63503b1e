using System.Numerics;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>A log-linear latency histogram of nanosecond values, as HdrHistogram lays it out: values below 256 ns
/// are exact, above that every power of two is split into 128 equal buckets. A percentile is reported as the middle
/// of its bucket, so its relative error is at most half a bucket width over the bucket's low edge: 1/256 (0.4 %).
/// Recording is one array increment; nothing allocates after construction.</summary>
public sealed class LatencyHistogram
{
    private const int MantissaBits = 7;
    private const int SubBuckets = 1 << MantissaBits;
    private const int ExactBelow = 2 * SubBuckets;

    /// <summary>2^41 ns is about 36 minutes, far above any test's duration; larger values land in the last bucket.</summary>
    private const int MaxExponent = 40;

    private const int BucketCount = ExactBelow + (MaxExponent - MantissaBits) * SubBuckets;
    private const long Largest = (1L << (MaxExponent + 1)) - 1;

    private readonly long[] _counts = new long[BucketCount];
    private long _min = long.MaxValue;
    private long _max;
    private double _sum;

    public long Count { get; private set; }

    public void Record(long nanoseconds)
    {
        var value = Math.Clamp(nanoseconds, 0, Largest);
        _counts[IndexOf(value)]++;
        Count++;
        _sum += value;
        if (value < _min)
            _min = value;
        if (value > _max)
            _max = value;
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < BucketCount; i++)
            _counts[i] += other._counts[i];
        AddTotals(other.Count, other._min, other._max, other._sum);
    }

    public void Add(HistogramSnapshot snapshot)
    {
        foreach (var bucket in snapshot.Buckets)
            _counts[IndexOf(Math.Clamp(bucket.LowNs, 0, Largest))] += bucket.Count;
        AddTotals(snapshot.Count, snapshot.Count == 0 ? long.MaxValue : snapshot.MinNs, snapshot.MaxNs, snapshot.SumNs);
    }

    /// <summary>The value at quantile <paramref name="q"/> (0..1) by the nearest-rank rule, in nanoseconds.</summary>
    public double Percentile(double q)
    {
        if (Count == 0)
            return 0;
        if (q <= 0)
            return _min;
        if (q >= 1)
            return _max;
        var rank = Math.Max(1, (long)Math.Ceiling(q * Count));
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                var (low, width) = BucketOf(i);
                return Math.Clamp(low + (width - 1) / 2.0, _min, _max);
            }
        }
        return _max;
    }

    public LatencySummary Summary() => Count == 0
        ? new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0)
        : new LatencySummary(Count, _min / 1e3, _sum / Count / 1e3, Percentile(0.5) / 1e3, Percentile(0.9) / 1e3,
            Percentile(0.99) / 1e3, Percentile(0.999) / 1e3, _max / 1e3);

    public HistogramSnapshot Snapshot()
    {
        var buckets = new List<HistogramBucket>();
        for (var i = 0; i < BucketCount; i++)
        {
            if (_counts[i] == 0)
                continue;
            var (low, width) = BucketOf(i);
            buckets.Add(new HistogramBucket(low, width, _counts[i]));
        }
        return new HistogramSnapshot(Count, Count == 0 ? 0 : _min, _max, _sum, buckets);
    }

    public static LatencyHistogram From(HistogramSnapshot snapshot)
    {
        var histogram = new LatencyHistogram();
        histogram.Add(snapshot);
        return histogram;
    }

    internal static int IndexOf(long value)
    {
        if (value < ExactBelow)
            return (int)value;
        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var shift = exponent - MantissaBits;
        var mantissa = (int)(value >> shift);
        return ExactBelow + (shift - 1) * SubBuckets + (mantissa - SubBuckets);
    }

    internal static (long Low, long Width) BucketOf(int index)
    {
        if (index < ExactBelow)
            return (index, 1);
        var shift = (index - ExactBelow) / SubBuckets + 1;
        var mantissa = (index - ExactBelow) % SubBuckets + SubBuckets;
        return ((long)mantissa << shift, 1L << shift);
    }

    private void AddTotals(long count, long min, long max, double sum)
    {
        Count += count;
        _sum += sum;
        if (count == 0)
            return;
        _min = Math.Min(_min, min);
        _max = Math.Max(_max, max);
    }
}
