namespace PerfSuite.LoadGen.Traffic;

/// <summary>A non-empty bucket of a <see cref="LatencyHistogram"/>: values in [LowNs, LowNs + WidthNs).</summary>
public sealed record HistogramBucket(long LowNs, long WidthNs, long Count);
