using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;

namespace PerfSuite.Report.Compare;

/// <summary>One input's summary of one cell group, or the gap where it has none.</summary>
/// <param name="Gap">Why there is nothing to show ("not measured", "failed: ...", "not a results file"); null
/// when at least one repetition produced numbers.</param>
/// <param name="Goodput">bit/s.</param>
/// <param name="CpuPerGbit">Busy core-seconds per Gbit of goodput.</param>
/// <param name="LatencyP99">Median over repetitions of the p99 request/response latency, µs.</param>
/// <param name="Note">Something a reader should know next to the numbers (another implementation also measured).</param>
public sealed record DatapathMeasurement(
    string? Gap,
    DatapathImplementation? Impl = null,
    int Ok = 0,
    int Failed = 0,
    int Skipped = 0,
    MetricSummary? Goodput = null,
    MetricSummary? CpuPerGbit = null,
    MetricSummary? LatencyP99 = null,
    MetricSummary? TransactionsPerSecond = null,
    string? Note = null);
