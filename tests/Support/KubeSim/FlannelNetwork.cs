using System.Net;
using System.Text.Json.Nodes;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Sysctl;

namespace PerfSuite.Tests.Support.KubeSim;

/// <summary>
/// The simulated cluster's CNI, built as flannel's VXLAN backend builds it (flannel-io/flannel
/// Documentation/backends.md and pkg/backend/vxlan: device <c>flannel.1</c>, VNI 1, UDP 8472, no learning, MTU 1450;
/// one route, one permanent neighbour and one FDB entry per other node) with the <c>bridge</c> CNI plugin's
/// <c>cni0</c> (containernetworking/plugins plugins/main/bridge) holding the node's pod CIDR gateway, and host-local
/// IPAM. Node K (1-based, a <see cref="FleetHostNamespaces"/> host) gets pod CIDR 10.244.K.0/24, flannel's default
/// network 10.244.0.0/16 (kube-flannel.yml's net-conf.json); the ".0" address on flannel.1 as flannel sets it. Nodes
/// forward and pass bridged traffic to netfilter (net.bridge.bridge-nf-call-iptables=1, kubeadm's preflight
/// requirement) so Service DNAT works between pods of one node. These addresses exist only inside the nodes'
/// and pods' namespaces. When <c>routeRunner</c> is set, the runner namespace routes each pod CIDR to its node, as a
/// machine on the nodes' network with routes to the pod network (host-gw, BGP) would.
/// </summary>
public sealed class FlannelNetwork
{
    public const int Mtu = 1450;
    public const string VxlanDevice = "flannel.1";
    public const string Bridge = "cni0";
    public const string IdlePort = "cni0-idle";

    private readonly FleetHostNamespaces _hosts;
    private readonly Dictionary<int, HashSet<int>> _allocated = [];
    private readonly Lock _gate = new();

    public FlannelNetwork(FleetHostNamespaces hosts, bool routeRunner)
    {
        _hosts = hosts;
        var macs = new Dictionary<int, string>();
        for (var k = 1; k <= hosts.Hosts.Count; k++)
        {
            var node = hosts.Hosts[k - 1];
            _allocated[k] = [];
            Ip("-n", node, "link", "add", Bridge, "type", "bridge");
            Ip("-n", node, "addr", "add", $"{Gateway(k)}/24", "dev", Bridge);
            Ip("-n", node, "link", "set", Bridge, "mtu", $"{Mtu}", "up");
            // A real node's cni0 always has pods (coredns, the CNI's own); an idle port keeps this one's carrier,
            // operstate and MAC what they are whether or not a test's pods come and go.
            // (A veth pair, both ends here: this kernel has no dummy driver; no IPv6 link-local on either, whose
            // late arrival would change the node's state under a test.)
            Ip("-n", node, "link", "add", IdlePort, "type", "veth", "peer", "name", IdlePort + "-p");
            Ip("-n", node, "link", "set", IdlePort, "addrgenmode", "none");
            Ip("-n", node, "link", "set", IdlePort + "-p", "addrgenmode", "none");
            Ip("-n", node, "link", "set", IdlePort + "-p", "up");
            Ip("-n", node, "link", "set", IdlePort, "master", Bridge, "up");
            Ip("-n", node, "link", "add", VxlanDevice, "type", "vxlan", "id", "1", "local", FleetHostNamespaces.AddressOf(k).ToString(),
                "dev", FleetHostNamespaces.Nic, "dstport", "8472", "nolearning");
            Ip("-n", node, "link", "set", VxlanDevice, "mtu", $"{Mtu}", "up");
            Ip("-n", node, "addr", "add", $"10.244.{k}.0/32", "dev", VxlanDevice);
            NamespaceSysctl.Write(node, ("net.ipv4.ip_forward", "1"), ("net.bridge.bridge-nf-call-iptables", "1"));
            // A real node's default route lets a hostNetwork process's first route lookup for a ClusterIP succeed
            // before kube-proxy's output DNAT rewrites it; these nodes have no way out, so the service CIDR gets one.
            Ip("-n", node, "route", "add", ServiceCidr, "dev", Bridge);
            FleetHostNamespaces.WaitForLinkLocal(node, Bridge);
            FleetHostNamespaces.WaitForLinkLocal(node, VxlanDevice);
            var link = JsonNode.Parse(Ip("-n", node, "-j", "link", "show", VxlanDevice))!.AsArray()[0]!;
            macs[k] = link["address"]!.GetValue<string>();
        }
        for (var k = 1; k <= hosts.Hosts.Count; k++)
        {
            var node = hosts.Hosts[k - 1];
            for (var j = 1; j <= hosts.Hosts.Count; j++)
            {
                if (j == k)
                    continue;
                Ip("-n", node, "route", "add", PodCidr(j), "via", $"10.244.{j}.0", "dev", VxlanDevice, "onlink");
                Ip("-n", node, "neigh", "replace", $"10.244.{j}.0", "lladdr", macs[j], "dev", VxlanDevice, "nud", "permanent");
                Shell.Run("bridge", "-n", node, "fdb", "append", macs[j], "dev", VxlanDevice, "dst", FleetHostNamespaces.AddressOf(j).ToString());
            }
            if (routeRunner)
                Ip("-n", hosts.Runner, "route", "add", PodCidr(k), "via", FleetHostNamespaces.AddressOf(k).ToString());
        }
    }

    /// <summary>kubeadm's default service CIDR (ClusterConfiguration networking.serviceSubnet).</summary>
    public const string ServiceCidr = "10.96.0.0/12";

    public static string PodCidr(int node) => $"10.244.{node}.0/24";

    public static IPAddress Gateway(int node) => IPAddress.Parse($"10.244.{node}.1");

    /// <summary>CNI ADD: a veth from <c>cni0</c> on node <paramref name="node"/> to <c>eth0</c> in
    /// <paramref name="podNetns"/>, the next free address of the node's pod CIDR, a default route via the bridge.
    /// Returns the pod's IP.</summary>
    public IPAddress Attach(int node, string podNetns)
    {
        int host;
        lock (_gate)
        {
            host = Enumerable.Range(2, 252).First(h => !_allocated[node].Contains(h));
            _allocated[node].Add(host);
        }
        var nodeNetns = _hosts.Hosts[node - 1];
        var veth = "veth" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4));
        var address = IPAddress.Parse($"10.244.{node}.{host}");
        try
        {
            Ip("-n", nodeNetns, "link", "add", veth, "mtu", $"{Mtu}", "type", "veth", "peer", "name", "eth0", "mtu", $"{Mtu}", "netns", podNetns);
            Ip("-n", nodeNetns, "link", "set", veth, "master", Bridge, "up");
            Ip("-n", podNetns, "link", "set", "lo", "up");
            Ip("-n", podNetns, "addr", "add", $"{address}/24", "dev", "eth0");
            Ip("-n", podNetns, "link", "set", "eth0", "up");
            Ip("-n", podNetns, "route", "add", "default", "via", Gateway(node).ToString());
            return address;
        }
        catch
        {
            Release(node, address);
            throw;
        }
    }

    /// <summary>CNI DEL's bookkeeping: the address is free again. The veth goes with the pod's namespace.</summary>
    public void Release(int node, IPAddress address)
    {
        lock (_gate)
            _allocated[node].Remove(address.GetAddressBytes()[3]);
    }

    private static string Ip(params string[] args) => FleetHostNamespaces.Ip(args);

    /// <summary>Deletes a pod's namespace: its eth0 goes with it, and so does the veth's other end on the node.</summary>
    public static void DeleteSandbox(string podNetns) => NetworkNamespace.Delete(podNetns, ignoreMissing: true);
}
