using PerfSuite.Model.Statistics;

namespace PerfSuite.Report.Gate;

/// <summary>What the data say about one metric of one cell, before the decision.</summary>
/// <param name="Model">Within-run or run-to-run comparison.</param>
/// <param name="Ratio">Estimate of current / baseline with a two-sided interval at 1 − 2α, so that each end is a
/// one-sided 1 − α bound; its <see cref="ConfidenceInterval.Coverage"/> is the true (two-sided) coverage, less
/// than asked when the repetitions cannot reach it.</param>
/// <param name="RegressionPValue">One-sided p-value for "the current run is worse" (before the family-wide
/// adjustment).</param>
/// <param name="Test">The Mann–Whitney test of a within-run comparison; null for run-to-run.</param>
/// <param name="BaselineRuns">Baseline runs that carried the metric.</param>
/// <param name="RunToRunSpread">Run-to-run comparison: standard deviation of the baseline runs' log medians
/// (≈ their relative spread).</param>
public sealed record ChangeEvidence(
    ChangeModel Model,
    ConfidenceInterval Ratio,
    double RegressionPValue,
    MannWhitneyResult? Test,
    int BaselineRuns,
    double? RunToRunSpread = null);
