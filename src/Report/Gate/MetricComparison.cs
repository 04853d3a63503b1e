using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Report.Gate;

/// <summary>The gate's comparison of one metric in one cell.</summary>
/// <param name="Cell">The matched cell.</param>
/// <param name="Metric">The metric and its direction.</param>
/// <param name="Threshold">Relative change tolerated in the bad direction.</param>
/// <param name="BaselineN">Baseline repetitions carrying the metric (over every baseline run).</param>
/// <param name="CurrentN">Current repetitions carrying the metric.</param>
/// <param name="BaselineMedian">Baseline median (of all baseline repetitions); null when the baseline has no value.</param>
/// <param name="CurrentMedian">Current median; null when the current run has no value.</param>
/// <param name="BaselineCv">Baseline coefficient of variation (within the first baseline run that carries it).</param>
/// <param name="CurrentCv">Current coefficient of variation.</param>
/// <param name="Ratio">Estimate of current / baseline with its interval at 1 − 2α (each end a one-sided 1 − α
/// bound) and that interval's true coverage; null when not computable.</param>
/// <param name="Test">Mann–Whitney test of current against baseline (within-run comparisons); null otherwise.</param>
/// <param name="Verdict">pass, warn, fail or inconclusive.</param>
/// <param name="RepetitionsNeeded">For an inconclusive within-run verdict: repetitions per side with which a run
/// without change would pass (at α, with the configured power).</param>
/// <param name="Explanation">One sentence a person reads.</param>
/// <param name="Model">Within-run (one baseline) or run-to-run (several).</param>
/// <param name="RegressionPValue">One-sided p-value for "worse", before adjustment.</param>
/// <param name="AdjustedPValue">That p-value adjusted across every comparison of the run (Benjamini–Hochberg);
/// the regression is significant when it is at most α.</param>
/// <param name="BaselineRuns">Baseline runs that carried the metric.</param>
/// <param name="RunToRunSpread">Run-to-run: the standard deviation of the baseline runs' log medians.</param>
/// <param name="BaselineRunsNeeded">For an inconclusive run-to-run verdict: baseline runs with which a run
/// without change would pass at this spread; null when no number up to 50 would.</param>
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
    string Explanation,
    ChangeModel Model = ChangeModel.WithinRun,
    double? RegressionPValue = null,
    double? AdjustedPValue = null,
    int BaselineRuns = 1,
    double? RunToRunSpread = null,
    int? BaselineRunsNeeded = null);
