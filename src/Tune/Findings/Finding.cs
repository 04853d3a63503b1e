using PerfSuite.Tune.Changes;

namespace PerfSuite.Tune.Findings;

/// <summary>One thing a rule found, with its evidence and the concrete settings that would fix it.</summary>
/// <param name="Id">Unique within a report: rule and subject, "offload.gro-off@flannel.1".</param>
/// <param name="Rule">The rule that found it (see <c>RuleCatalog</c>).</param>
/// <param name="Subject">The interface, sysctl or route concerned.</param>
/// <param name="Current">The value now, as a person reads it.</param>
/// <param name="Proposed">The value proposed.</param>
/// <param name="Why">What is wrong and why it matters, with the numbers that show it.</param>
/// <param name="Source">Where the recommendation comes from (kernel document, RFC, tuned profile, CNI docs or issue).</param>
/// <param name="ExpectedEffect">What changing it should do.</param>
/// <param name="Risk">What could go wrong.</param>
/// <param name="RiskLevel">How much could go wrong.</param>
/// <param name="Action">Whether <c>--apply</c> changes it, only <c>--verify</c> may, or it is advice.</param>
/// <param name="Changes">The settings that apply it, in order.</param>
/// <param name="Note">Why it is measured or advised rather than applied, when it is.</param>
public sealed record Finding(
    string Id,
    string Rule,
    FindingSubject Subject,
    string Current,
    string Proposed,
    string Why,
    string Source,
    string ExpectedEffect,
    string Risk,
    RiskLevel RiskLevel,
    FindingAction Action,
    IReadOnlyList<TuneSetting> Changes,
    string? Note = null);
