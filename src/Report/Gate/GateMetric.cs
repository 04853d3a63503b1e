using PerfSuite.Model.Results;

namespace PerfSuite.Report.Gate;

/// <summary>A metric the gate checks and the relative change it tolerates (0.05 = 5 %) in the bad direction.</summary>
public sealed record GateMetric(ResultMetric Metric, double Threshold)
{
    /// <summary>Issue 6's defaults: goodput 5 %, CPU per Gbit 10 %, p99 latency 10 %, transactions/s 5 %.</summary>
    public static IReadOnlyList<GateMetric> Defaults { get; } =
    [
        new(ResultMetrics.GoodputBps, 0.05),
        new(ResultMetrics.CoreSecondsPerGbit, 0.10),
        new(ResultMetrics.LatencyP99, 0.10),
        new(ResultMetrics.TransactionsPerSecond, 0.05),
    ];

    /// <summary>The default metrics, all at <paramref name="threshold"/> when given, then each override replacing
    /// or adding its metric.</summary>
    public static IReadOnlyList<GateMetric> Resolve(double? threshold, IEnumerable<GateMetric> overrides)
    {
        var metrics = Defaults.Select(m => threshold is { } t ? m with { Threshold = t } : m).ToList();
        foreach (var metric in overrides)
        {
            var index = metrics.FindIndex(m => m.Metric.Name == metric.Metric.Name);
            if (index >= 0)
                metrics[index] = metric;
            else
                metrics.Add(metric);
        }
        return metrics;
    }
}
