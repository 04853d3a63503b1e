using PerfSuite.Model.Statistics;

namespace PerfSuite.Model.Results;

/// <summary>One metric over the ok repetitions of a group (methodology §4: median with an interval that states its
/// true coverage, min, max, coefficient of variation, n; never the mean alone).</summary>
/// <param name="N">Repetitions that carry the metric.</param>
/// <param name="Median">Median over the repetitions.</param>
/// <param name="Lower">Lower end of the interval of the median (<see cref="MedianInterval"/>).</param>
/// <param name="Upper">Upper end of that interval.</param>
/// <param name="Coverage">The exact probability that the interval covers the true median: 0.75 for the range of
/// 3 repetitions, 0.96875 for 6. Every output states this number, never a fixed 95 %.</param>
/// <param name="IntervalMethod">How the interval was built: <c>orderStatistic</c>.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
/// <param name="Cv">Sample standard deviation / mean; null with fewer than two values or a zero mean.</param>
/// <param name="Rank">Rank j of the order statistics [X₍ⱼ₎, X₍ₙ₊₁₋ⱼ₎] that bound the interval: 1 is the range
/// [min, max]. Added with issue 14; a document without it (0) is re-summarised from its cells on reading.</param>
/// <param name="Level">The coverage the interval aimed at (0.95); <see cref="Coverage"/> is below it when there are
/// too few repetitions for any order-statistic interval to reach it (fewer than 6 for 95 %).</param>
public sealed record MetricSummary(
    int N,
    double Median,
    double Lower,
    double Upper,
    double Coverage,
    IntervalMethod IntervalMethod,
    double Min,
    double Max,
    double? Cv,
    int Rank = 0,
    double Level = 0)
{
    /// <summary>"range of 3, covers the median 75 %": what the interval is and its true coverage.</summary>
    public string DescribeInterval() => CoverageText.MedianInterval(N, Rank, Coverage);
}
