using PerfSuite.Lab.Tunnels;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Datapaths.Wireguard;

/// <summary>
/// WireGuard between the nodes, as Flannel's and Calico's WireGuard modes make it: one device per node with address
/// 10.42.N.0/32, the other node its peer with allowed IPs its pod CIDR, MTU underlay − 60, and the route
/// <c>10.42.M.0/24 dev WG</c>. On the wire only UDP to port <see cref="WireguardMesh.ListenPort"/> between the nodes.
/// Built over the kernel module or wireguard-go (<paramref name="implementation"/>).
/// </summary>
public sealed class WireguardDatapathBuilder(IWireguardImplementation implementation) : IDatapathBuilder
{
    /// <summary>Device <c>ps-LAB-wN</c> on node N.</summary>
    public const string DeviceNamePrefix = "w";

    public Datapath Datapath => Datapath.Wireguard;

    public DatapathImplementation Impl => implementation.Impl;

    public string Description =>
        $"one WireGuard device per node ({implementation.Description}), UDP {WireguardMesh.ListenPort}, peer = the other node, allowed IPs = its pod CIDR";

    public string? SkipReason() => implementation.SkipReason();

    public ClusterShape Shape(LabSpec spec) => new(Nodes: 2, spec.PodsPerNode);

    public async Task<BuiltDatapath> BuildAsync(DatapathBuildContext context)
    {
        var cluster = context.Cluster;
        var devices = await WireguardMesh.BuildAsync(context, implementation, DeviceNamePrefix, context.TunnelMtu,
            node => new InterfaceAddress(LabAddressing.TunnelAddress(node.Number), 32),
            peer => [peer.PodCidr]);
        foreach (var node in cluster.Nodes)
        {
            var peer = cluster.PeerOf(node);
            context.Netlink(node.Namespace).AddRoute(peer.PodCidr, device: WireguardMesh.DeviceName(context, DeviceNamePrefix, node));
        }
        return new BuiltDatapath(devices);
    }
}
