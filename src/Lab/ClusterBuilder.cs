using PerfSuite.Kernel.Netlink;

namespace PerfSuite.Lab;

/// <summary>
/// Makes a path's base cluster over rtnetlink: node namespaces with forwarding on, the underlay wire (a veth
/// <c>eth0</c>–<c>eth0</c> between two nodes, 198.18.0.N/24), a <c>cni0</c> bridge per node with the pod gateway,
/// and pods whose <c>eth0</c> is a veth to it with a default route via the gateway. No device ever touches the
/// caller's namespace: veth peers are created directly where they belong.
/// </summary>
internal static class ClusterBuilder
{
    public static void Build(PathCluster cluster, NamespaceSessions sessions, int underlayMtu, int podMtu, CancellationToken cancellation)
    {
        foreach (var node in cluster.Nodes)
        {
            cancellation.ThrowIfCancellationRequested();
            sessions.CreateNode(node.Namespace);
        }
        if (cluster.Shape.HasWire)
        {
            var (first, second) = (cluster.Nodes[0], cluster.Nodes[1]);
            sessions[first.Namespace].AddVeth(new LinkSettings(first.UnderlayDevice, underlayMtu, Up: true),
                second.UnderlayDevice, second.Namespace, underlayMtu);
            sessions[second.Namespace].SetLink(second.UnderlayDevice, up: true);
            foreach (var node in cluster.Nodes)
                sessions[node.Namespace].AddAddress(node.UnderlayDevice, node.UnderlayAddress, LabAddressing.UnderlayPrefixLength);
        }
        if (!cluster.Shape.HasPods)
            return;
        foreach (var node in cluster.Nodes)
        {
            var client = sessions[node.Namespace];
            client.AddBridge(new LinkSettings(node.Bridge, podMtu, Up: true));
            client.AddAddress(node.Bridge, node.Gateway, node.PodCidr.PrefixLength);
            var bridge = client.IndexOf(node.Bridge);
            foreach (var pod in cluster.PodsOn(node.Number))
            {
                cancellation.ThrowIfCancellationRequested();
                sessions.CreatePod(pod.Namespace);
                client.AddVeth(new LinkSettings(pod.HostVeth, podMtu, Up: true, MasterIndex: bridge), pod.Device, pod.Namespace, podMtu);
                var inside = sessions[pod.Namespace];
                inside.SetLink(pod.Device, up: true);
                inside.AddAddress(pod.Device, pod.Address, node.PodCidr.PrefixLength);
                inside.AddRoute(new System.Net.IPNetwork(System.Net.IPAddress.Any, 0), node.Gateway);
            }
        }
    }
}
