using System.Net;

namespace PerfSuite.Kernel.Netlink;

/// <summary>A unicast route in the main table: <c>ip route add DEST [via GW] [dev D] [onlink] [mtu M]</c>.
/// <see cref="Mtu"/> goes in RTA_METRICS as RTAX_MTU, a route MTU as Cilium sets one.</summary>
public sealed record RouteSpec(IPNetwork Destination, IPAddress? Gateway = null, int? DeviceIndex = null, bool OnLink = false, int? Mtu = null);
