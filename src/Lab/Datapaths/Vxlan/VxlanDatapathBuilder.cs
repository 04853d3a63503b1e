using System.Net;
using System.Net.NetworkInformation;
using PerfSuite.Kernel.Netlink;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Datapaths.Vxlan;

/// <summary>
/// Flannel's VXLAN backend as flanneld programs it: <c>flannel.1</c> with VNI 1, the node's underlay address as
/// local VTEP, UDP 8472, learning off, address 10.42.N.0/32; for each peer a permanent neighbour (its
/// flannel.1 address → its flannel.1 MAC), an FDB entry (that MAC → its VTEP address) and the route
/// <c>10.42.M.0/24 via 10.42.M.0 dev flannel.1 onlink</c>. Nothing is learned or flooded.
/// <see cref="AddFlannelVxlan"/> builds the same over another underlay (WireGuard, for vxlan+wireguard).
/// </summary>
public sealed class VxlanDatapathBuilder : IDatapathBuilder
{
    public const string Device = "flannel.1";
    public const uint Vni = 1;
    /// <summary>Flannel's port, the one <see cref="Datapath.Vxlan"/>'s wire signature names.</summary>
    public static ushort Port { get; } = checked((ushort)Datapath.Vxlan.Wire.UdpPort!.Value);

    public Datapath Datapath => Datapath.Vxlan;

    public DatapathImplementation Impl => DatapathImplementation.Kernel;

    public string Description => $"Flannel-style {Device}, VNI {Vni}, UDP {Port}, nolearning, FDB and neighbours pre-populated";

    public string? SkipReason() => null;

    public ClusterShape Shape(LabSpec spec) => new(Nodes: 2, spec.PodsPerNode);

    public Task<BuiltDatapath> BuildAsync(DatapathBuildContext context) =>
        Task.FromResult(new BuiltDatapath(
            AddFlannelVxlan(context, node => new VxlanUnderlay(node.UnderlayDevice, node.UnderlayAddress))));

    /// <summary>Makes <c>flannel.1</c> on every node of the cluster with MTU <see cref="DatapathBuildContext.TunnelMtu"/>,
    /// its VTEP on <paramref name="underlayOf"/> the node, with the peers' neighbour, FDB entries and pod routes.</summary>
    public static IReadOnlyList<TunnelDevice> AddFlannelVxlan(DatapathBuildContext context, Func<LabNode, VxlanUnderlay> underlayOf)
    {
        var cluster = context.Cluster;
        foreach (var node in cluster.Nodes)
            AddDevice(context.Netlink(node.Namespace), node.Number, underlayOf(node), context.TunnelMtu);
        foreach (var node in cluster.Nodes)
        {
            var peer = cluster.PeerOf(node);
            AddPeer(context.Netlink(node.Namespace), peer.Number, peer.PodCidr, context.Netlink(peer.Namespace).MacOf(Device),
                underlayOf(peer).Address);
        }
        return cluster.Nodes.Select(n => new TunnelDevice(n.Namespace, Device)).ToList();
    }

    /// <summary>One node's <c>flannel.1</c>: VTEP on <paramref name="underlay"/>, address 10.42.N.0/32. Its MAC is what
    /// peers need (<see cref="AddPeer"/>); a fleet host builds only its own and learns the peers' through the runner.</summary>
    public static void AddDevice(RtnetlinkClient client, int node, VxlanUnderlay underlay, int mtu)
    {
        client.AddVxlan(new LinkSettings(Device, mtu, Up: true),
            new VxlanSettings(Vni, underlay.Address, client.IndexOf(underlay.Device), Port, Learning: false));
        client.AddAddress(Device, LabAddressing.TunnelAddress(node), 32);
    }

    /// <summary>What flanneld programs for one peer: a permanent neighbour (its flannel.1 address → its MAC), an FDB
    /// entry (that MAC → its VTEP) and the route to its pod CIDR via its flannel.1 address, onlink.</summary>
    public static void AddPeer(RtnetlinkClient client, int peer, IPNetwork peerPodCidr, PhysicalAddress peerMac,
        IPAddress peerVtep)
    {
        var peerTunnel = LabAddressing.TunnelAddress(peer);
        client.AddPermanentNeighbour(Device, peerTunnel, peerMac);
        client.AppendFdb(Device, peerMac, peerVtep);
        client.AddRoute(peerPodCidr, peerTunnel, Device, onLink: true);
    }
}
