using System.Net;
using PerfSuite.Lab.Tunnels;
using PerfSuite.Lab.Tunnels.Wireguard;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Datapaths.Wireguard;

/// <summary>
/// One WireGuard device per node, each the other's only peer, as a WireGuard CNI sets them up: fresh keys made
/// in-process, UDP <see cref="ListenPort"/> on every node, the peer's endpoint its underlay address. Devices are named
/// <c>ps-LAB-PREFIXN</c> (<see cref="DatapathBuildContext.HostUniqueInterface"/>) because a userspace
/// implementation's UAPI socket lives in one directory for the whole host.
/// </summary>
internal static class WireguardMesh
{
    /// <summary>WireGuard's customary port (wg-quick, Flannel's and Calico's WireGuard).</summary>
    public static int ListenPort { get; } = Datapath.Wireguard.Wire.UdpPort!.Value;

    public static string DeviceName(DatapathBuildContext context, string namePrefix, LabNode node) =>
        context.HostUniqueInterface($"{namePrefix}{node.Number}");

    /// <param name="addressOf">The address of a node's device.</param>
    /// <param name="allowedIpsOf">What a node may send and be sent through the tunnel, as its peer is told.</param>
    public static async Task<IReadOnlyList<TunnelDevice>> BuildAsync(DatapathBuildContext context, IWireguardImplementation implementation,
        string namePrefix, int mtu, Func<LabNode, InterfaceAddress> addressOf, Func<LabNode, IReadOnlyList<IPNetwork>> allowedIpsOf)
    {
        var cluster = context.Cluster;
        var keys = cluster.Nodes.ToDictionary(n => n.Number, _ => X25519KeyPair.Generate());
        var devices = cluster.Nodes.Select(node =>
        {
            var peer = cluster.PeerOf(node);
            var peerConfig = new WireguardPeer(keys[peer.Number].PublicKeyBase64, new IPEndPoint(peer.UnderlayAddress, ListenPort), allowedIpsOf(peer));
            return (Node: node, Spec: new WireguardDeviceSpec(DeviceName(context, namePrefix, node), keys[node.Number], ListenPort, [peerConfig],
                mtu, addressOf(node)));
        }).ToList();
        // A userspace device is a process to start and wait for: start every node's at once.
        await Task.WhenAll(devices.Select(d => implementation.CreateAsync(context, d.Node, d.Spec)));
        return devices.Select(d => new TunnelDevice(d.Node.Namespace, d.Spec.Name)).ToList();
    }
}
