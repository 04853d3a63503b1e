using System.Net;

namespace PerfSuite.Lab.Datapaths.Vxlan;

/// <summary>What a node's VXLAN device sends its UDP through: the device (IFLA_VXLAN_LINK) and the address on it that
/// is the node's VTEP (IFLA_VXLAN_LOCAL, and the FDB destination its peer is given). The node's underlay for plain
/// VXLAN; its WireGuard device for VXLAN over WireGuard.</summary>
public sealed record VxlanUnderlay(string Device, IPAddress Address);
