using System.Net;

namespace PerfSuite.Kernel.Netlink;

/// <summary>The IFLA_VXLAN_* attributes the lab sets: VNI, local VTEP address, the underlay device, the UDP
/// port (Flannel's 8472 is the kernel default, IANA's is 4789) and whether the device learns remote MACs.</summary>
public sealed record VxlanSettings(uint Vni, IPAddress? Local, int? UnderlayIndex, ushort Port, bool Learning);
