using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Offloads;

/// <summary>The offload profiles a lab can apply: each switches off (or on) the features whose cost or benefit a
/// run wants to see. Names are kernel feature names, so the result records exactly what was asked for.</summary>
public static class OffloadProfiles
{
    public static readonly OffloadProfile Default = new("default", "offloads as the kernel and driver set them",
        new Dictionary<string, bool>());

    public static readonly OffloadProfile NoGro = new("no-gro", "generic receive offload off: every segment climbs the stack alone",
        Off("rx-gro"));

    public static readonly OffloadProfile NoTso = new("no-tso", "TCP segmentation offload off: the stack segments before the device",
        Off("tx-tcp-segmentation", "tx-tcp-ecn-segmentation", "tx-tcp-mangleid-segmentation", "tx-tcp6-segmentation"));

    public static readonly OffloadProfile NoGso = new("no-gso", "generic segmentation offload off",
        Off("tx-generic-segmentation"));

    public static readonly OffloadProfile NoTunnelSegmentation = new("no-tnl-seg",
        "UDP-tunnel segmentation offload off: VXLAN packets are segmented before encapsulation",
        Off("tx-udp_tnl-segmentation", "tx-udp_tnl-csum-segmentation"));

    public static readonly OffloadProfile NoTxChecksum = new("no-tx-csum",
        "generic IP transmit checksum off (the flag behind Calico issue 11435 and Kubernetes issue 88986)",
        Off("tx-checksum-ip-generic"));

    public static readonly OffloadProfile GroForwarding = new("gro-fwd",
        "UDP GRO for forwarded traffic on: tunnel packets are aggregated before the node forwards them",
        new Dictionary<string, bool>(StringComparer.Ordinal) { ["rx-udp-gro-forwarding"] = true });

    public static readonly OffloadProfile GroList = new("gro-list", "fraglist GRO on: forwarded packets are chained, not merged",
        new Dictionary<string, bool>(StringComparer.Ordinal) { ["rx-gro-list"] = true });

    /// <summary>Hardware GRO off: the NIC stops merging segments itself (software GRO still runs). Real NICs only.</summary>
    public static readonly OffloadProfile NoHardwareGro = new("no-gro-hw",
        "hardware GRO off: the NIC no longer aggregates segments, software GRO does", Off("rx-gro-hw"), NeedsHardware: true);

    /// <summary>Large receive offload on (large-receive-offload). Real NICs only.</summary>
    public static readonly OffloadProfile Lro = new("lro",
        "large receive offload on: the NIC merges TCP segments into large frames (breaks forwarding, which is why nodes turn it off)",
        new Dictionary<string, bool>(StringComparer.Ordinal) { ["rx-lro"] = true }, NeedsHardware: true);

    /// <summary>UDP tunnel port offload off: the NIC stops recognising the tunnel's UDP port (its inner checksum and RSS
    /// on the inner headers). Real NICs only.</summary>
    public static readonly OffloadProfile NoTunnelPortOffload = new("no-tnl-port",
        "UDP tunnel port offload off: the NIC no longer parses VXLAN/Geneve on their ports (inner checksum, inner RSS)",
        Off("rx-udp_tunnel-port-offload"), NeedsHardware: true);

    public static IReadOnlyList<OffloadProfile> All { get; } =
        [Default, NoGro, NoTso, NoGso, NoTunnelSegmentation, NoTxChecksum, GroForwarding, GroList, NoHardwareGro, Lro, NoTunnelPortOffload];

    public static OffloadProfile Parse(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new PerfSuiteException(ErrorReason.InvalidArgument,
            $"unknown offload profile '{name}' (known: {string.Join(", ", All.Select(p => p.Name))})");

    private static Dictionary<string, bool> Off(params string[] features) =>
        features.ToDictionary(f => f, _ => false, StringComparer.Ordinal);
}
