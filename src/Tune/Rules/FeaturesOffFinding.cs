using PerfSuite.Model.Probe;
using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>The finding every offload rule makes when features of one device are off and should be on: its id
/// <c>RULE@DEVICE</c>, the features off now and on after, and one <see cref="FeatureSetting"/> turning them all on.</summary>
internal static class FeaturesOffFinding
{
    public static Finding Create(string rule, InterfaceSnapshot device, IReadOnlyList<string> off, string why, string source,
        string effect, string risk, RiskLevel level) =>
        new($"{rule}@{device.Name}",
            rule,
            FindingSubject.Interface(device.Name),
            string.Join(", ", off.Select(f => $"{f} off")),
            string.Join(", ", off.Select(f => $"{f} on")),
            why,
            source,
            effect,
            risk,
            level,
            FindingAction.Apply,
            [new FeatureSetting(device.Name, off.ToDictionary(f => f, _ => true, StringComparer.Ordinal))]);

    /// <summary>"a is" or "a and b are", for the finding's text.</summary>
    public static string Are(IReadOnlyList<string> off) => $"{string.Join(" and ", off)} {(off.Count == 1 ? "is" : "are")}";
}
