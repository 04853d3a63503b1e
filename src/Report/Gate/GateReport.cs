using PerfSuite.Model.Results;

namespace PerfSuite.Report.Gate;

/// <summary>Everything the gate found: what differs in the environment, each comparison, cells present on one
/// side only, and the overall verdict.</summary>
public sealed record GateReport(
    ResultsDocument Baseline,
    ResultsDocument Current,
    GateOptions Options,
    IReadOnlyList<EnvironmentDifference> EnvironmentDifferences,
    IReadOnlyList<MetricComparison> Comparisons,
    IReadOnlyList<CellGroupKey> OnlyInBaseline,
    IReadOnlyList<CellGroupKey> OnlyInCurrent,
    GateVerdict Verdict)
{
    /// <summary>The environments differ and <see cref="GateOptions.RequireSameEnvironment"/> makes that a failure.</summary>
    public bool FailedOnEnvironment => Options.RequireSameEnvironment && EnvironmentDifferences.Count > 0;
}
