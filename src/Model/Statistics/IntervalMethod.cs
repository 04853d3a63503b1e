using System.Text.Json.Serialization;

namespace PerfSuite.Model.Statistics;

/// <summary>How a <see cref="ConfidenceInterval"/> was built; results documents record it beside every interval.</summary>
public enum IntervalMethod
{
    /// <summary>Distribution-free interval between two order statistics, coverage from the binomial(n, ½).</summary>
    [JsonStringEnumMemberName("orderStatistic")]
    OrderStatistic,

    /// <summary>Percentile bootstrap: only in documents written before the interval stated its true coverage. For
    /// n ≤ 5 it was the range [min, max] labelled 95 %; <see cref="Results.ResultsReader"/> re-summarises such
    /// documents from their cells, so no reader sees that label.</summary>
    [JsonStringEnumMemberName("bootstrap")]
    Bootstrap,

    /// <summary>Moses' interval for a Hodges–Lehmann shift, critical value from the exact Mann–Whitney distribution.</summary>
    [JsonStringEnumMemberName("mannWhitneyExact")]
    MannWhitneyExact,

    /// <summary>Moses' interval with the critical value from the normal approximation (large samples).</summary>
    [JsonStringEnumMemberName("mannWhitneyNormal")]
    MannWhitneyNormal,

    /// <summary>Student t interval on the log of run medians: the gate's run-to-run comparison of a current run
    /// with two or more baseline runs (a prediction interval for one more run's median).</summary>
    [JsonStringEnumMemberName("studentTRunToRun")]
    StudentTRunToRun,
}
