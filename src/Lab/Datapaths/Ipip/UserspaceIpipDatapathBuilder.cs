using PerfSuite.Kernel.Processes;
using PerfSuite.Lab.Tunnels;
using PerfSuite.Lab.Tunnels.Ipip;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Datapaths.Ipip;

/// <summary>
/// Calico's IP-in-IP where the kernel has no <c>ipip</c> module: on each node a TUN device named like Calico's
/// <c>tunl0</c>, carried by PerfSuite's userspace encapsulator (<c>perfsuite tunnel ipip</c>, its own process in the
/// node's namespace, so it outlives <c>lab up</c> and its CPU time is its own) between this node's and the peer's
/// underlay addresses. Address 10.42.N.0/32 and the route <c>10.42.M.0/24 via PEER-UNDERLAY dev tunl0 onlink</c> are
/// as the kernel builder makes them; on the wire the same 20 bytes, IP protocol 4.
/// </summary>
public sealed class UserspaceIpipDatapathBuilder : IDatapathBuilder
{
    public const string Device = KernelIpipDatapathBuilder.Device;

    private const string ProcessDescription = $"IP-in-IP encapsulator for {Device}";

    public Datapath Datapath => Datapath.Ipip;

    public DatapathImplementation Impl => DatapathImplementation.Userspace;

    public string Description =>
        $"Calico-style {Device} as a TUN device with PerfSuite's IP-in-IP encapsulator per node, routes via the peer's underlay address onlink";

    public string? SkipReason()
    {
        if (TunnelCapabilities.DetectTunDevice() is { Available: false } tun)
            return tun.Reason;
        try
        {
            _ = PerfSuiteExecutable.Locate();
            return null;
        }
        catch (PerfSuiteException e)
        {
            return e.Message;
        }
    }

    public ClusterShape Shape(LabSpec spec) => new(Nodes: 2, spec.PodsPerNode);

    public async Task<BuiltDatapath> BuildAsync(DatapathBuildContext context)
    {
        var cluster = context.Cluster;
        var executable = PerfSuiteExecutable.Locate();
        // Each process takes the runtime's start-up time before it is ready: start both nodes' at once.
        await Task.WhenAll(cluster.Nodes.Select(node => StartAsync(context, node, cluster.PeerOf(node).UnderlayAddress, executable)));
        foreach (var node in cluster.Nodes)
        {
            var peer = cluster.PeerOf(node);
            context.Netlink(node.Namespace).AddRoute(peer.PodCidr, peer.UnderlayAddress, Device, onLink: true);
        }
        return new BuiltDatapath(cluster.Nodes.Select(n => new TunnelDevice(n.Namespace, Device)).ToList());
    }

    /// <summary>Starts node <paramref name="node"/>'s encapsulator towards <paramref name="peerUnderlay"/> (and, for a
    /// fleet host's half, toward every peer of <paramref name="routes"/> too) and hands it to the context.</summary>
    internal static async Task StartAsync(DatapathBuildContext context, LabNode node, System.Net.IPAddress peerUnderlay, PerfSuiteExecutable executable,
        IReadOnlyList<IpipRoute>? routes = null)
    {
        var options = new IpipTunnelOptions(node.Namespace, Device, node.UnderlayAddress, peerUnderlay, context.TunnelMtu) { Routes = routes ?? [] };
        var process = await IpipEncapsulatorProcess.StartAsync(options, new InterfaceAddress(LabAddressing.TunnelAddress(node.Number), 32),
            context.Netlink(node.Namespace), executable, pid => context.Processes.Record(pid, node.Namespace, ProcessDescription),
            context.Cancellation);
        context.Adopt(node.Namespace, process.Pid, ProcessDescription, process);
    }
}
