using PerfSuite.Model.Datapaths;

namespace PerfSuite.Model.Results;

/// <summary>The repetitions of one cell, summarised (<see cref="CellGroupKey"/> fields, then counts and metrics).</summary>
/// <param name="PodMtu">The pod MTU the repetitions ran with (the first one reported).</param>
/// <param name="Ok">Repetitions that produced numbers.</param>
/// <param name="Failed">Repetitions that failed.</param>
/// <param name="Skipped">Repetitions that were skipped.</param>
/// <param name="Metrics">By metric name (<see cref="ResultMetric.Name"/>), for every metric at least one ok
/// repetition carries.</param>
public sealed record GroupSummary(
    string Path,
    DatapathImplementation Impl,
    int UnderlayMtu,
    string Offloads,
    string Test,
    int Streams,
    int? PodMtu,
    int Ok,
    int Failed,
    int Skipped,
    IReadOnlyDictionary<string, MetricSummary> Metrics);
