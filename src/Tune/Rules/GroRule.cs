using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>GRO off on the underlay, a physical NIC, a tunnel device or an interface named with --iface: every wire segment climbs the stack alone, and for VXLAN
/// every segment is decapsulated alone. (A veth has GRO off by default; turning it on also gives it NAPI.)</summary>
public sealed class GroRule : ITuneRule
{
    public const string Id = "offload.gro-off";

    private const string Feature = "rx-gro";

    public IReadOnlyList<RuleDescription> Describes { get; } =
        [new(Id, "generic receive offload off on the underlay or a tunnel device", Sources.KernelSegmentationOffloads)];

    public IEnumerable<Finding> Evaluate(TuneContext context)
    {
        var topology = context.Topology;
        var devices = context.InterfaceDevices
            .Concat(context.Facts.Probe.Interfaces.Where(i => topology.IsTunnel(i.Name)))
            .DistinctBy(i => i.Name);
        foreach (var device in devices)
        {
            if (!context.Reports(device.Name) || !device.IsChangeableAndOff(Feature))
                continue;
            var role = context.RoleOf(device);
            yield return FeaturesOffFinding.Create(Id, device, [Feature],
                $"GRO is off on {device.Name} ({role}): each received segment is processed alone, so the stack, the bridge, forwarding and any decapsulation run once per wire packet instead of once per aggregate of up to 64 KB.",
                Sources.KernelSegmentationOffloads,
                "fewer, larger packets through the receive path: less softirq CPU per Gbit and higher single-stream throughput",
                device.Kind == "veth"
                    ? "On a veth, GRO also switches the device to NAPI receive, moving its packets from the per-CPU backlog to a NAPI poll; latency of single small packets can change."
                    : "GRO holds packets for at most one NAPI poll; latency-critical single-packet traffic is barely affected.",
                RiskLevel.Low);
        }
    }
}
