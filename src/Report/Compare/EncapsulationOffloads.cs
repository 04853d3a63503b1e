namespace PerfSuite.Report.Compare;

/// <summary>An encapsulation, the datapath that measures it, and the NIC features that decide whether its
/// segmentation, checksums and receive work happen in hardware or in the kernel.</summary>
/// <param name="Name">"VXLAN", "IPIP" ...</param>
/// <param name="Datapath">The datapath whose results show its cost (<c>vxlan</c>); null when none measures it.</param>
/// <param name="Aspects">Segmentation first; empty when no NIC offloads it at all.</param>
/// <param name="SoftwareReason">Why no NIC can help, for an encapsulation without aspects.</param>
public sealed record EncapsulationOffloads(string Name, string? Datapath, IReadOnlyList<OffloadAspect> Aspects, string? SoftwareReason)
{
    public static IReadOnlyList<EncapsulationOffloads> All { get; } =
    [
        // The lab's vxlan datapath measures VXLAN with outer checksum: links created without IFLA_VXLAN_UDP_CSUM (the
        // lab's, flannel's) carry outer UDP checksums, so their GSO packets are UDP_TUNNEL_CSUM and the NIC is asked for
        // tx-udp_tnl-csum-segmentation (measured: docs/fleet.md, "Which UDP-tunnel segmentation feature matters").
        new("VXLAN", null,
        [
            new("segmentation", ["tx-udp_tnl-segmentation"], "the NIC cuts large VXLAN packets into frames (no software GSO)"),
            OffloadAspect.Checksum, OffloadAspect.TunnelPort, OffloadAspect.HardwareGro,
        ], null),
        new("VXLAN with outer checksum", "vxlan",
        [
            new("segmentation", ["tx-udp_tnl-csum-segmentation"], "as VXLAN, and the NIC also fills in the outer UDP checksum"),
            OffloadAspect.Checksum, OffloadAspect.TunnelPort, OffloadAspect.HardwareGro,
        ], null),
        // tx-ipip-segmentation is the name before Linux 4.7 renamed it tx-ipxip4-segmentation.
        new("IPIP", "ipip",
        [
            new("segmentation", ["tx-ipxip4-segmentation", "tx-ipip-segmentation"], "the NIC cuts large IP-in-IP packets into frames"),
            OffloadAspect.Checksum, OffloadAspect.HardwareGro,
        ], null),
        new("GRE", null,
        [
            new("segmentation", ["tx-gre-segmentation"], "the NIC cuts large GRE packets into frames"),
            OffloadAspect.Checksum, OffloadAspect.HardwareGro,
        ], null),
        new("WireGuard", "wireguard", [],
            "no NIC offloads WireGuard: the kernel (or wireguard-go) encrypts and segments every packet"),
    ];

    /// <summary>The segmentation aspect, which decides whether the encapsulation falls back to software.</summary>
    public OffloadAspect? Segmentation => Aspects.Count > 0 ? Aspects[0] : null;
}
