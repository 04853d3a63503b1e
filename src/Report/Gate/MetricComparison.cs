using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Report.Gate;

/// <summary>The gate's comparison of one metric in one cell.</summary>
/// <param name="Cell">The matched cell.</param>
/// <param name="Metric">The metric and its direction.</param>
/// <param name="Threshold">Relative change tolerated in the bad direction.</param>
/// <param name="BaselineN">Baseline repetitions carrying the metric.</param>
/// <param name="CurrentN">Current repetitions carrying the metric.</param>
/// <param name="BaselineMedian">Baseline median; null when the baseline has no value.</param>
/// <param name="CurrentMedian">Current median; null when the current run has no value.</param>
/// <param name="BaselineCv">Baseline coefficient of variation.</param>
/// <param name="CurrentCv">Current coefficient of variation.</param>
/// <param name="Ratio">Hodges–Lehmann ratio current / baseline with its 1 − α interval; null when not computable.</param>
/// <param name="Test">Mann–Whitney test of current against baseline; null when not computable.</param>
/// <param name="Verdict">pass, warn, fail or inconclusive.</param>
/// <param name="RepetitionsNeeded">For an inconclusive verdict: repetitions per side that would let the gate
/// decide a change of the threshold's size (at α, with the configured power).</param>
/// <param name="Explanation">One sentence a person reads.</param>
public sealed record MetricComparison(
    CellGroupKey Cell,
    ResultMetric Metric,
    double Threshold,
    int BaselineN,
    int CurrentN,
    double? BaselineMedian,
    double? CurrentMedian,
    double? BaselineCv,
    double? CurrentCv,
    ConfidenceInterval? Ratio,
    MannWhitneyResult? Test,
    GateVerdict Verdict,
    int? RepetitionsNeeded,
    string Explanation);
