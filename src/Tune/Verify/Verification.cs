using PerfSuite.Model.Statistics;

namespace PerfSuite.Tune.Verify;

/// <summary>The measured effect of one finding's change: the samples without (<see cref="Before"/>) and with it
/// (<see cref="After"/>) in the order they were taken, their medians, the after/before ratio with its interval,
/// the Mann-Whitney p-value, and what was decided.</summary>
public sealed record Verification(
    string FindingId,
    string Path,
    string Metric,
    IReadOnlyList<double> Before,
    IReadOnlyList<double> After,
    double? MedianBefore,
    double? MedianAfter,
    ConfidenceInterval? Ratio,
    double? PValue,
    VerifyDecision Decision,
    string Reason);

public enum VerifyDecision
{
    /// <summary>It helped by more than the noise: the change stays.</summary>
    Kept,

    /// <summary>No gain beyond the noise, a loss, or a failure: the change was undone.</summary>
    RolledBack,

    /// <summary>The change did not take, so there was nothing to measure; what was written was undone.</summary>
    NotTaken,
}
