using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>Hardware GRO the NIC offers but has off.</summary>
public sealed class HardwareGroRule : ITuneRule
{
    public const string Id = "offload.gro-hw-off";

    public IReadOnlyList<RuleDescription> Describes { get; } =
        [new(Id, "hardware GRO available but off", Sources.KernelNetdevFeatures)];

    public IEnumerable<Finding> Evaluate(TuneContext context)
    {
        foreach (var device in context.InterfaceDevices)
        {
            if (!context.Reports(device.Name) || !device.IsChangeableAndOff("rx-gro-hw"))
                continue;
            yield return new Finding(
                $"{Id}@{device.Name}",
                Id,
                FindingSubject.Interface(device.Name),
                "rx-gro-hw off",
                "rx-gro-hw on",
                $"{device.Name} ({device.Driver?.Driver ?? "driver unknown"}) can aggregate received segments in hardware (rx-gro-hw), which is off. Unlike LRO, hardware GRO keeps the segment boundaries GRO would, so it is safe on a node that forwards.",
                Sources.KernelNetdevFeatures,
                "aggregation moves from the CPU to the NIC: less softirq CPU per Gbit on receive",
                "The kernel turns it off again while XDP or LRO is in use; some drivers reset the NIC to change it (a short link drop).",
                RiskLevel.Medium,
                FindingAction.Apply,
                [new FeatureSetting(device.Name, new Dictionary<string, bool>(StringComparer.Ordinal) { ["rx-gro-hw"] = true })]);
        }
    }
}
