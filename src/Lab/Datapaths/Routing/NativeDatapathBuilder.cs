using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Datapaths.Routing;

/// <summary>Native routing (Flannel host-gw, Calico BGP without encapsulation): each node routes the other's pod
/// CIDR via the other's underlay address, so pod packets cross the wire bare.</summary>
public sealed class NativeDatapathBuilder : IDatapathBuilder
{
    public Datapath Datapath => Datapath.Native;

    public DatapathImplementation Impl => DatapathImplementation.Kernel;

    public string Description => "pod CIDR routed via the peer node's underlay address (host-gw)";

    public string? SkipReason() => null;

    public ClusterShape Shape(LabSpec spec) => new(Nodes: 2, spec.PodsPerNode);

    public Task<BuiltDatapath> BuildAsync(DatapathBuildContext context)
    {
        foreach (var node in context.Cluster.Nodes)
        {
            var peer = context.Cluster.PeerOf(node);
            context.Netlink(node.Namespace).AddRoute(peer.PodCidr, peer.UnderlayAddress, node.UnderlayDevice);
        }
        return Task.FromResult(new BuiltDatapath([]));
    }
}
