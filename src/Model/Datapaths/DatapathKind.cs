namespace PerfSuite.Model.Datapaths;

/// <summary>The pod-network datapaths PerfSuite measures (DESIGN.md, "Datapaths").</summary>
public enum DatapathKind
{
    SameNode,
    Host,
    Native,
    Ipip,
    Vxlan,
    Wireguard,
    VxlanWireguard,
    Geneve,
}
