using PerfSuite.Model.Results;

namespace PerfSuite.Report.Gate;

/// <summary>Everything the gate found: what differs in the environment, structural regressions, each
/// comparison, cells present on one side only, and the overall verdict.</summary>
/// <param name="Baselines">The baseline runs, as given (<c>--baseline</c> is repeatable).</param>
/// <param name="Structural">Structural regressions (interrupted run, missing cells, kernel → userspace, new
/// failures, skipped cells); any one fails the gate.</param>
public sealed record GateReport(
    IReadOnlyList<ResultsDocument> Baselines,
    ResultsDocument Current,
    GateOptions Options,
    IReadOnlyList<EnvironmentDifference> EnvironmentDifferences,
    IReadOnlyList<StructuralRegression> Structural,
    IReadOnlyList<MetricComparison> Comparisons,
    IReadOnlyList<CellGroupKey> OnlyInBaseline,
    IReadOnlyList<CellGroupKey> OnlyInCurrent,
    GateVerdict Verdict)
{
    /// <summary>The environments differ and <see cref="GateOptions.RequireSameEnvironment"/> makes that a failure.</summary>
    public bool FailedOnEnvironment => Options.RequireSameEnvironment && EnvironmentDifferences.Count > 0;

    /// <summary>Run-to-run comparisons need two or more baselines; with one, only the noise within a run is judged.</summary>
    public ChangeModel Model => Baselines.Count >= 2 ? ChangeModel.RunToRun : ChangeModel.WithinRun;
}
