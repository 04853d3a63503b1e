using System.Text.Json.Serialization;

namespace PerfSuite.Model.Results;

/// <summary>Latency percentiles of one repetition, microseconds. Percentiles are never averaged across
/// repetitions; summaries take the median of each.</summary>
public sealed record LatencySummary(
    double P50,
    double P90,
    double P99,
    [property: JsonPropertyName("p99_9")] double P999,
    double Min,
    double Max,
    double Mean);
