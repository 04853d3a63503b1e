namespace PerfSuite.LoadGen.Traffic;

/// <summary>Latency percentiles of one window in microseconds, taken from one histogram.</summary>
public sealed record LatencySummary(long Count, double MinUs, double MeanUs, double P50Us, double P90Us, double P99Us,
    double P999Us, double MaxUs);
