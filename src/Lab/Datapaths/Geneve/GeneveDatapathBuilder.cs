using PerfSuite.Kernel.Netlink;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Datapaths.Geneve;

/// <summary>
/// Geneve (RFC 8926), Cilium's default tunnel, in the same node and pod layout as VXLAN: a <c>geneve0</c> device per
/// node with VNI <see cref="Vni"/>, UDP <see cref="Port"/>, no options, its remote the peer node's underlay address
/// (a kernel geneve device without eBPF sends to one remote; Cilium sets the remote per packet from eBPF instead),
/// address 10.42.N.0/32, a permanent neighbour for the peer's geneve0 address and the route
/// <c>10.42.M.0/24 via 10.42.M.0 dev geneve0 onlink</c>. The device is deliberately not named <c>cilium_geneve</c>:
/// pods here get the tunnel MTU, where Cilium keeps pods at the underlay MTU and lowers routes instead, and tune
/// reads that name as Cilium. Kernel only: where the kernel has no <c>geneve</c> module, creating the device
/// fails with that reason and the lab reports the path skipped.
/// </summary>
public sealed class GeneveDatapathBuilder : IDatapathBuilder
{
    public const string Device = "geneve0";
    public const uint Vni = 1;

    /// <summary>IANA's Geneve port, the one <see cref="Datapath.Geneve"/>'s wire signature names.</summary>
    public static ushort Port { get; } = checked((ushort)Datapath.Geneve.Wire.UdpPort!.Value);

    public Datapath Datapath => Datapath.Geneve;

    public DatapathImplementation Impl => DatapathImplementation.Kernel;

    public string Description => $"{Device} (kernel geneve), VNI {Vni}, UDP {Port}, no options, remote = the peer node, neighbours pre-populated";

    public string? SkipReason() => null;

    public ClusterShape Shape(LabSpec spec) => new(Nodes: 2, spec.PodsPerNode);

    public Task<BuiltDatapath> BuildAsync(DatapathBuildContext context)
    {
        var cluster = context.Cluster;
        foreach (var node in cluster.Nodes)
        {
            var client = context.Netlink(node.Namespace);
            var link = new LinkSettings(Device, context.TunnelMtu, Up: true);
            var remote = cluster.PeerOf(node).UnderlayAddress;
            client.AddLink(GeneveLinkMessages.Kind, GeneveLinkMessages.Add(link, Vni, remote, Port),
                $"adding geneve '{Device}' (VNI {Vni}, remote {remote}, port {Port})");
            client.AddAddress(Device, LabAddressing.TunnelAddress(node.Number), 32);
        }
        foreach (var node in cluster.Nodes)
        {
            var peer = cluster.PeerOf(node);
            var peerTunnel = LabAddressing.TunnelAddress(peer.Number);
            var client = context.Netlink(node.Namespace);
            client.AddPermanentNeighbour(Device, peerTunnel, context.Netlink(peer.Namespace).MacOf(Device));
            client.AddRoute(peer.PodCidr, peerTunnel, Device, onLink: true);
        }
        return Task.FromResult(new BuiltDatapath(cluster.Nodes.Select(n => new TunnelDevice(n.Namespace, Device)).ToList()));
    }
}
