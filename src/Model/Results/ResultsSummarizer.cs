using PerfSuite.Model.Statistics;

namespace PerfSuite.Model.Results;

/// <summary>Turns cells into per-group summaries (<see cref="GroupSummary"/>), groups in the order their first
/// cell appears.</summary>
public static class ResultsSummarizer
{
    /// <summary>Whether a stored summary predates intervals that state their true coverage (issue 14): a bootstrap
    /// interval (for n ≤ 5 the range [min, max] labelled 95 %) or no rank. Such summaries are recomputed from the
    /// cells rather than relabelled, so every reader sees exactly what a new run would write.</summary>
    public static bool IsOutdated(IReadOnlyList<GroupSummary> summary) =>
        summary.Any(g => g.Metrics is null || g.Metrics.Values.Any(m => m is null || m.Rank < 1 || m.IntervalMethod != IntervalMethod.OrderStatistic));

    public static IReadOnlyList<GroupSummary> Summarize(IReadOnlyList<CellResult> cells)
    {
        var groups = new List<(CellGroupKey Key, List<CellResult> Cells)>();
        var index = new Dictionary<CellGroupKey, int>();
        foreach (var cell in cells)
        {
            var key = CellGroupKey.Of(cell);
            if (!index.TryGetValue(key, out var i))
            {
                index[key] = i = groups.Count;
                groups.Add((key, []));
            }
            groups[i].Cells.Add(cell);
        }
        return groups.Select(g => Summarize(g.Key, g.Cells)).ToList();
    }

    public static GroupSummary Summarize(CellGroupKey key, IReadOnlyList<CellResult> cells)
    {
        var ok = cells.Where(c => c.Status == CellStatus.Ok).ToList();
        var metrics = new Dictionary<string, MetricSummary>();
        var values = new double[ok.Count];
        foreach (var metric in ResultMetrics.All)
        {
            var n = 0;
            foreach (var cell in ok)
            {
                if (metric.Read(cell) is { } value && double.IsFinite(value))
                    values[n++] = value;
            }
            if (n > 0)
                metrics[metric.Name] = SummarizeValues(values.AsSpan(0, n));
        }
        return new GroupSummary(key.Path, key.Impl, key.UnderlayMtu, key.Offloads, key.Test, key.Streams,
            cells.Select(c => c.PodMtu).FirstOrDefault(m => m is not null),
            ok.Count,
            cells.Count(c => c.Status == CellStatus.Failed),
            cells.Count(c => c.Status == CellStatus.Skipped),
            metrics);
    }

    public static MetricSummary SummarizeValues(ReadOnlySpan<double> values)
    {
        var interval = MedianInterval.Compute(values);
        var cv = SampleStatistics.CoefficientOfVariation(values);
        return new MetricSummary(values.Length, interval.Estimate, interval.Lower, interval.Upper, interval.Coverage,
            interval.Method, SampleStatistics.Min(values), SampleStatistics.Max(values), double.IsNaN(cv) ? null : cv,
            interval.Rank, interval.ConfidenceLevel);
    }
}
