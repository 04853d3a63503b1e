using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>TCP segmentation offload (TSO) or generic segmentation offload (GSO) off on an interface the rules look
/// at (<see cref="TuneContext.InterfaceDevices"/>): every segment is built and sent through the stack alone.</summary>
public sealed class SegmentationOffloadRule : ITuneRule
{
    public const string Id = "offload.segmentation-off";

    private static readonly string[] FeatureNames = ["tx-tcp-segmentation", "tx-tcp6-segmentation", "tx-generic-segmentation"];

    public IReadOnlyList<RuleDescription> Describes { get; } =
        [new(Id, "TCP or generic segmentation offload (TSO, GSO) off", Sources.KernelSegmentationOffloads)];

    public IEnumerable<Finding> Evaluate(TuneContext context)
    {
        foreach (var device in context.InterfaceDevices)
        {
            var off = FeatureNames.Where(device.IsChangeableAndOff).ToList();
            if (!context.Reports(device.Name) || off.Count == 0)
                continue;
            yield return FeaturesOffFinding.Create(Id, device, off,
                $"{FeaturesOffFinding.Are(off)} off on {device.Name} ({context.RoleOf(device)}): TCP hands the device one MSS-sized segment at a time, so the stack, qdisc and driver run once per wire packet instead of once per aggregate of up to 64 KB.",
                Sources.KernelSegmentationOffloads,
                "fewer, larger sends through the transmit path: less sender CPU per Gbit and higher single-stream throughput",
                "Segmentation offload needs checksum offload on the same device; with it off the kernel keeps TSO off. Packet captures on the sender show the large segments, not the wire packets.",
                RiskLevel.Low);
        }
    }
}
