namespace PerfSuite.LoadGen.Traffic;

/// <summary>A <see cref="LatencyHistogram"/> as data, so the runner can merge the histograms of several streams or
/// repetitions and take percentiles of the merged one, instead of averaging percentiles.</summary>
public sealed record HistogramSnapshot(long Count, long MinNs, long MaxNs, double SumNs, IReadOnlyList<HistogramBucket> Buckets);
