using PerfSuite.Model.Statistics;

namespace PerfSuite.Model.Results;

/// <summary>One metric over the ok repetitions of a group (methodology §4: median with a 95 % interval, min,
/// max, coefficient of variation, n; never the mean alone).</summary>
/// <param name="N">Repetitions that carry the metric.</param>
/// <param name="Median">Median over the repetitions.</param>
/// <param name="Lower">Lower end of the 95 % interval of the median.</param>
/// <param name="Upper">Upper end of that interval.</param>
/// <param name="Coverage">Exact coverage of the interval (order statistics) or its nominal level (bootstrap).</param>
/// <param name="IntervalMethod">How the interval was built; a bootstrap on fewer than six values is narrower
/// than the truth.</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
/// <param name="Cv">Sample standard deviation / mean; null with fewer than two values or a zero mean.</param>
public sealed record MetricSummary(
    int N,
    double Median,
    double Lower,
    double Upper,
    double Coverage,
    IntervalMethod IntervalMethod,
    double Min,
    double Max,
    double? Cv);
