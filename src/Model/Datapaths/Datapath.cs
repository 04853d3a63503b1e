namespace PerfSuite.Model.Datapaths;

/// <summary>
/// One datapath with its command-line name and its encapsulation overhead, counted against the underlay IP MTU
/// (reference/methodology.md §1).
/// </summary>
public sealed record Datapath(DatapathKind Kind, string Name, int OverheadIpv4, int OverheadIpv6, string Description)
{
    public static readonly Datapath SameNode = new(DatapathKind.SameNode, "same-node", 0, 0,
        "two pods on one node's bridge cni0 (pure L2)");
    public static readonly Datapath Host = new(DatapathKind.Host, "host", 0, 0,
        "node to node on the underlay, no pods (bare-metal baseline)");
    public static readonly Datapath Native = new(DatapathKind.Native, "native", 0, 0,
        "pod CIDR routed via the peer node's underlay address (Flannel host-gw, Calico BGP)");
    public static readonly Datapath Ipip = new(DatapathKind.Ipip, "ipip", 20, 40,
        "Calico-style IP in IP (RFC 2003): outer IPv4, protocol 4");
    public static readonly Datapath Vxlan = new(DatapathKind.Vxlan, "vxlan", 50, 70,
        "Flannel-style VXLAN (RFC 7348): outer IP + UDP 8 + VXLAN 8 + inner Ethernet 14");
    public static readonly Datapath Wireguard = new(DatapathKind.Wireguard, "wireguard", 60, 80,
        "WireGuard: outer IP + UDP 8 + data header 16 + Poly1305 tag 16");
    public static readonly Datapath VxlanWireguard = new(DatapathKind.VxlanWireguard, "vxlan+wireguard", 110, 150,
        "VXLAN whose underlay runs through WireGuard");

    /// <summary>All datapaths in the order DESIGN.md lists them.</summary>
    public static IReadOnlyList<Datapath> All { get; } = [SameNode, Host, Native, Ipip, Vxlan, Wireguard, VxlanWireguard];

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

    public override string ToString() => Name;
}
