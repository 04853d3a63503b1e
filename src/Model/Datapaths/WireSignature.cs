namespace PerfSuite.Model.Datapaths;

/// <summary>How a path's pod-to-pod packets look on the underlay wire.</summary>
public enum WireEncapsulation
{
    /// <summary>The packets never reach the underlay (pods on one bridge).</summary>
    NotOnWire,

    /// <summary>The inner packets themselves, with the pod (or node) addresses (native routing, host).</summary>
    Bare,

    /// <summary>UDP to <see cref="WireSignature.UdpPort"/> carrying VXLAN, an Ethernet frame and the inner packet.</summary>
    Vxlan,

    /// <summary>UDP to <see cref="WireSignature.UdpPort"/> carrying a Geneve header (RFC 8926, protocol type
    /// 0x6558), its options, an Ethernet frame and the inner packet.</summary>
    Geneve,

    /// <summary>An outer IPv4 header with protocol 4 around the inner packet (RFC 2003).</summary>
    IpInIp,

    /// <summary>UDP to <see cref="WireSignature.UdpPort"/> whose content cannot be read (WireGuard).</summary>
    OpaqueUdp,
}

/// <summary>What verification must see in a capture on the underlay while probes cross the path.</summary>
public sealed record WireSignature(WireEncapsulation Encapsulation, int? UdpPort, string Description)
{
    public static WireSignature NotOnWire { get; } = new(WireEncapsulation.NotOnWire, null, "nothing on the underlay (one bridge)");

    public static WireSignature Bare { get; } = new(WireEncapsulation.Bare, null, "the bare inner addresses");

    public static WireSignature IpInIp { get; } = new(WireEncapsulation.IpInIp, null, "IP protocol 4 between the nodes");

    public static WireSignature Vxlan(int port) => new(WireEncapsulation.Vxlan, port, $"UDP {port} (VXLAN) between the nodes");

    public static WireSignature Geneve(int port) => new(WireEncapsulation.Geneve, port, $"UDP {port} (Geneve) between the nodes");

    public static WireSignature OpaqueUdp(int port, string what) => new(WireEncapsulation.OpaqueUdp, port, $"UDP {port} ({what}) between the nodes");

    /// <summary>Whether the path's packets cross the underlay as UDP (what UDP GRO and UDP tunnel offloads act on).</summary>
    public bool IsUdp => UdpPort is not null;
}
