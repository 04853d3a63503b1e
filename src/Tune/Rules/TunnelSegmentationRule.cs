using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>UDP-tunnel segmentation offload the underlay NIC has but is not using: with it the NIC segments
/// VXLAN-encapsulated TSO frames; without it the kernel segments them in software before encapsulation.</summary>
public sealed class TunnelSegmentationRule : ITuneRule
{
    public const string Id = "offload.udp-tunnel-segmentation-off";

    private static readonly string[] FeatureNames = ["tx-udp_tnl-segmentation", "tx-udp_tnl-csum-segmentation"];

    public IReadOnlyList<RuleDescription> Describes { get; } =
        [new(Id, "UDP tunnel segmentation offload available but off on the underlay", Sources.KernelSegmentationOffloads)];

    public IEnumerable<Finding> Evaluate(TuneContext context)
    {
        if (context.Topology.Tunnels.Count == 0)
            yield break;
        foreach (var device in context.Topology.WireDevices(context.Facts))
        {
            var off = FeatureNames.Where(device.IsChangeableAndOff).ToList();
            if (!context.Reports(device.Name) || off.Count == 0)
                continue;
            yield return FeaturesOffFinding.Create(Id, device, off,
                $"{device.Name} can segment UDP-encapsulated (VXLAN) TCP in hardware but {FeaturesOffFinding.Are(off)} off, so every tunnelled TSO frame is cut into wire-sized packets by the CPU before it reaches the NIC.",
                Sources.KernelSegmentationOffloads,
                "segmentation of tunnelled TCP moves to the NIC: less sender CPU per Gbit on VXLAN paths",
                "Some NIC and firmware combinations have shipped broken outer checksums with tunnel offloads; verify the path after the change.",
                RiskLevel.Medium);
        }
    }
}
