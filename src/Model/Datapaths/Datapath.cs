namespace PerfSuite.Model.Datapaths;

/// <summary>
/// One datapath and everything the projects need to know about it: its command-line name, its short
/// <see cref="Code"/> in namespace names, its encapsulation overhead counted against the underlay IP MTU
/// (reference/methodology.md §1), what its packets look like on the underlay (<see cref="Wire"/>), the rtnetlink
/// kind of its tunnel device, the device names CNIs give it, and the standard a finding about it cites. A new
/// datapath is one entry in <see cref="All"/> plus its builder folder in src/Lab/Datapaths (docs/architecture.md).
/// </summary>
public sealed record Datapath(DatapathKind Kind, string Name, int OverheadIpv4, int OverheadIpv6, string Description)
{
    /// <summary>Short code in namespace names <c>ps-LAB-CODE-nN</c>: lowercase letters and digits, unique.</summary>
    public required string Code { get; init; }

    /// <summary>What verification must see on the underlay while probes cross the path.</summary>
    public required WireSignature Wire { get; init; }

    /// <summary>The rtnetlink link kind of the tunnel device that identifies this datapath on a node
    /// (<c>vxlan</c>, <c>ipip</c>); null for paths without a tunnel device of their own.</summary>
    public string? LinkKind { get; init; }

    /// <summary>Tunnel device names CNIs give this datapath.</summary>
    public IReadOnlyList<CniDevice> CniDevices { get; init; } = [];

    /// <summary>The datapaths a stacked one is made of, outermost last (VXLAN over WireGuard: vxlan, wireguard): a
    /// node shows their tunnel devices, not one of its own.</summary>
    public IReadOnlyList<Datapath> Layers { get; init; } = [];

    /// <summary>Whether a tunnel device of <paramref name="device"/>'s datapath is part of this one.</summary>
    public bool IsCarriedBy(Datapath device) => device.Kind == Kind || Layers.Any(l => l.Kind == device.Kind);

    /// <summary>The specification of the encapsulation, as findings cite it; null without encapsulation.</summary>
    public string? Standard { get; init; }

    public static readonly Datapath SameNode = new(DatapathKind.SameNode, "same-node", 0, 0,
        "two pods on one node's bridge cni0 (pure L2)")
    { Code = "sn", Wire = WireSignature.NotOnWire };

    public static readonly Datapath Host = new(DatapathKind.Host, "host", 0, 0,
        "node to node on the underlay, no pods (bare-metal baseline)")
    { Code = "host", Wire = WireSignature.Bare };

    public static readonly Datapath Native = new(DatapathKind.Native, "native", 0, 0,
        "pod CIDR routed via the peer node's underlay address (Flannel host-gw, Calico BGP)")
    { Code = "nat", Wire = WireSignature.Bare };

    public static readonly Datapath Ipip = new(DatapathKind.Ipip, "ipip", 20, 40,
        "Calico-style IP in IP (RFC 2003): outer IPv4, protocol 4")
    {
        Code = "ipip",
        Wire = WireSignature.IpInIp,
        LinkKind = "ipip",
        CniDevices = [new("flannel.ipip", CniFlavour.Flannel, false), new("tunl0", CniFlavour.Calico, false)],
        Standard = "RFC 2003 (IP in IP: a 20-byte outer IPv4 header)",
    };

    public static readonly Datapath Vxlan = new(DatapathKind.Vxlan, "vxlan", 50, 70,
        "Flannel-style VXLAN (RFC 7348): outer IP + UDP 8 + VXLAN 8 + inner Ethernet 14")
    {
        Code = "vx",
        // Flannel's port, the Linux default; IANA's VXLAN port is 4789.
        Wire = WireSignature.Vxlan(8472),
        LinkKind = "vxlan",
        CniDevices =
        [
            new("flannel.1", CniFlavour.Flannel, false), new("flannel-v6.1", CniFlavour.Flannel, true),
            new("vxlan.calico", CniFlavour.Calico, false), new("vxlan-v6.calico", CniFlavour.Calico, true),
            new("cilium_vxlan", CniFlavour.Cilium, null),
        ],
        Standard = "RFC 7348 §4.3 (VTEPs must not fragment VXLAN packets; the underlay MTU must carry the 50-byte encapsulation)",
    };

    public static readonly Datapath Wireguard = new(DatapathKind.Wireguard, "wireguard", 60, 80,
        "WireGuard: outer IP + UDP 8 + data header 16 + Poly1305 tag 16")
    {
        Code = "wg",
        Wire = WireSignature.OpaqueUdp(51820, "WireGuard"),
        LinkKind = "wireguard",
        CniDevices =
        [
            new("flannel-wg", CniFlavour.Flannel, null), new("flannel-wg-v6", CniFlavour.Flannel, true),
            new("wireguard.cali", CniFlavour.Calico, false), new("wg-v6.cali", CniFlavour.Calico, true),
            new("cilium_wg0", CniFlavour.Cilium, null),
        ],
        Standard = "WireGuard protocol (outer IP + UDP 8 + data header 16 + Poly1305 tag 16: 60 bytes over IPv4, 80 over IPv6); wg-quick uses 1420 = 1500 − 80",
    };

    public static readonly Datapath VxlanWireguard = new(DatapathKind.VxlanWireguard, "vxlan+wireguard", 110, 150,
        "VXLAN whose underlay runs through WireGuard")
    { Code = "vxwg", Wire = Wireguard.Wire, Layers = [Vxlan, Wireguard] };

    public static readonly Datapath Geneve = new(DatapathKind.Geneve, "geneve", 50, 70,
        "Cilium-style Geneve (RFC 8926) without options: outer IP + UDP 8 + Geneve 8 + inner Ethernet 14")
    {
        Code = "gnv",
        Wire = WireSignature.Geneve(6081),
        LinkKind = "geneve",
        CniDevices = [new("cilium_geneve", CniFlavour.Cilium, null)],
        Standard = "RFC 8926 (Geneve: outer IP + UDP 8 + Geneve 8 + options + inner Ethernet 14; 50 bytes over IPv4 without options)",
    };

    /// <summary>All datapaths in the order DESIGN.md lists them.</summary>
    public static IReadOnlyList<Datapath> All { get; } = [SameNode, Host, Native, Ipip, Vxlan, Wireguard, VxlanWireguard, Geneve];

    /// <summary>Pod MTU a CNI sets: underlay MTU minus the overhead.</summary>
    public int PodMtu(int underlayMtu, bool ipv6Underlay = false) =>
        underlayMtu - (ipv6Underlay ? OverheadIpv6 : OverheadIpv4);

    public static bool TryParse(string name, out Datapath datapath)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                datapath = candidate;
                return true;
            }
        }
        datapath = Native;
        return false;
    }

    public static Datapath Parse(string name) =>
        TryParse(name, out var datapath)
            ? datapath
            : throw new ArgumentException(
                $"unknown datapath '{name}' (known: {string.Join(", ", All.Select(d => d.Name))})", nameof(name));

    /// <summary>The datapath whose <see cref="Code"/> is <paramref name="code"/>, or null.</summary>
    public static Datapath? OfCode(string code) => All.FirstOrDefault(d => d.Code == code);

    /// <summary>The datapath a known CNI tunnel device name belongs to, with the device's entry.</summary>
    public static (Datapath Datapath, CniDevice Device)? OfCniDevice(string name) =>
        All.SelectMany(d => d.CniDevices.Select(c => (d, c))).Cast<(Datapath, CniDevice)?>().FirstOrDefault(x => x!.Value.Item2.Name == name);

    /// <summary>The datapath whose tunnel device has rtnetlink kind <paramref name="linkKind"/>, or null.</summary>
    public static Datapath? OfLinkKind(string? linkKind) =>
        linkKind is null ? null : All.FirstOrDefault(d => d.LinkKind == linkKind);

    public override string ToString() => Name;
}
