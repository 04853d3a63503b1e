using System.Net;

namespace PerfSuite.Lab;

/// <summary>
/// The lab's address plan. Underlay: 198.18.0.N/24 on node N, from the benchmarking range 198.18.0.0/15
/// (RFC 2544), which no real network routes. Pods: 10.42.N.0/24 per node (k3s's default cluster CIDR), gateway
/// 10.42.N.1 on the node's bridge, pod K at 10.42.N.(K+1). Every path's cluster lives in its own namespaces, so
/// the same addresses are reused by each. A VXLAN that runs through WireGuard has its VTEPs on the WireGuard devices:
/// 198.19.0.N/24, the other half of the benchmarking range.
/// </summary>
public static class LabAddressing
{
    public const int UnderlayPrefixLength = 24;
    public const int PodPrefixLength = 24;
    public const int MaxPodsPerNode = 250;

    public static IPAddress Underlay(int node) => new([198, 18, 0, checked((byte)node)]);

    public static IPNetwork PodCidr(int node) => new(new IPAddress([10, 42, checked((byte)node), 0]), PodPrefixLength);

    public static IPAddress Gateway(int node) => new([10, 42, checked((byte)node), 1]);

    public static IPAddress Pod(int node, int pod) => new([10, 42, checked((byte)node), checked((byte)(pod + 1))]);

    /// <summary>The address a tunnel device gets, the pod CIDR's network address as a /32 (what flanneld gives
    /// flannel.1); a peer's is the onlink next hop of the routes to that peer's pods.</summary>
    public static IPAddress TunnelAddress(int node) => new([10, 42, checked((byte)node), 0]);

    public const int WireguardUnderlayPrefixLength = 24;

    /// <summary>Node N's address on the WireGuard device that carries the stacked path's VXLAN (its local VTEP).</summary>
    public static IPAddress WireguardUnderlay(int node) => new([198, 19, 0, checked((byte)node)]);
}
