using PerfSuite.Model.Statistics;

namespace PerfSuite.Report.Gate;

/// <summary>How strict the gate is.</summary>
/// <param name="Metrics">Metrics with their thresholds (<see cref="GateMetric.Resolve"/>).</param>
/// <param name="Alpha">Significance level of the Mann–Whitney test; the ratio interval is at 1 − α.</param>
/// <param name="RequireSameEnvironment">Any environment difference fails the gate.</param>
/// <param name="Power">Power used to decide whether quiet runs were sensitive enough and how many repetitions
/// a decision needs.</param>
public sealed record GateOptions(
    IReadOnlyList<GateMetric> Metrics,
    double Alpha = 0.01,
    bool RequireSameEnvironment = false,
    double Power = PowerAnalysis.DefaultPower);
