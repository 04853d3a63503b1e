using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>Hardware GRO the NIC offers but has off.</summary>
public sealed class HardwareGroRule : ITuneRule
{
    public const string Id = "offload.gro-hw-off";

    private const string Feature = "rx-gro-hw";

    public IReadOnlyList<RuleDescription> Describes { get; } =
        [new(Id, "hardware GRO available but off", Sources.KernelNetdevFeatures)];

    public IEnumerable<Finding> Evaluate(TuneContext context)
    {
        foreach (var device in context.InterfaceDevices)
        {
            if (!context.Reports(device.Name) || !device.IsChangeableAndOff(Feature))
                continue;
            yield return FeaturesOffFinding.Create(Id, device, [Feature],
                $"{device.Name} ({device.Driver?.Driver ?? "driver unknown"}) can aggregate received segments in hardware (rx-gro-hw), which is off. Unlike LRO, hardware GRO keeps the segment boundaries GRO would, so it is safe on a node that forwards.",
                Sources.KernelNetdevFeatures,
                "aggregation moves from the CPU to the NIC: less softirq CPU per Gbit on receive",
                "The kernel turns it off again while XDP or LRO is in use; some drivers reset the NIC to change it (a short link drop).",
                RiskLevel.Medium);
        }
    }
}
