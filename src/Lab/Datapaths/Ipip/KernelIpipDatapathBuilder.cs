using PerfSuite.Kernel.Netlink;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Datapaths.Ipip;

/// <summary>
/// Calico's IP-in-IP with the kernel's <c>ipip</c> module: the catch-all <c>tunl0</c> (no local, no remote) with
/// address 10.42.N.0/32 and routes <c>10.42.M.0/24 via PEER-UNDERLAY dev tunl0 onlink</c>, whose gateway becomes
/// the outer destination. Where the module is missing, creating the link fails with "the kernel has no 'ipip'
/// module" and the lab tries the next ipip builder (userspace) or reports the path skipped.
/// </summary>
public sealed class KernelIpipDatapathBuilder : IDatapathBuilder
{
    /// <summary>The fallback device the ipip module creates in every namespace; Calico uses it as is.</summary>
    public const string Device = "tunl0";

    public Datapath Datapath => Datapath.Ipip;

    public DatapathImplementation Impl => DatapathImplementation.Kernel;

    public string Description => $"Calico-style {Device} (kernel ipip), routes via the peer's underlay address onlink";

    public string? SkipReason() => null;

    public ClusterShape Shape(LabSpec spec) => new(Nodes: 2, spec.PodsPerNode);

    public Task<BuiltDatapath> BuildAsync(DatapathBuildContext context)
    {
        var cluster = context.Cluster;
        foreach (var node in cluster.Nodes)
        {
            var client = context.Netlink(node.Namespace);
            try
            {
                client.AddIpip(new LinkSettings(Device, context.TunnelMtu, Up: true));
            }
            catch (PerfSuiteException e) when (e.Reason == ErrorReason.Busy)
            {
                // Loading the module made tunl0 in every namespace already (as Calico finds it): configure that one.
                client.SetLink(Device, mtu: context.TunnelMtu, up: true);
            }
            client.AddAddress(Device, LabAddressing.TunnelAddress(node.Number), 32);
        }
        foreach (var node in cluster.Nodes)
        {
            var peer = cluster.PeerOf(node);
            context.Netlink(node.Namespace).AddRoute(peer.PodCidr, peer.UnderlayAddress, Device, onLink: true);
        }
        return Task.FromResult(new BuiltDatapath(cluster.Nodes.Select(n => new TunnelDevice(n.Namespace, Device)).ToList()));
    }
}
