namespace PerfSuite.Kernel.Netlink;

/// <summary>The far end of a veth pair. With <see cref="NetnsFd"/> set the kernel creates it directly in that
/// namespace (IFLA_NET_NS_FD inside VETH_INFO_PEER), so it never appears where the request was made. It always
/// starts down: the kernel cannot open a veth before both ends exist (asking for IFF_UP here fails with
/// ENOTCONN), so it is brought up by a later request in its own namespace.</summary>
public sealed record VethPeer(string Name, int? Mtu = null, int? NetnsFd = null);
