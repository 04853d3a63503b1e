using System.Net;
using System.Text.Json;
using PerfSuite.Kernel.Netlink;
using PerfSuite.Lab.Tests.Support;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Tests;

/// <summary>Every path this machine can build, checked against ip -j -d, a TCP exchange and tcpdump.</summary>
[Collection(LabCollection.Name)]
public sealed class LabBuildTests
{
    [Fact]
    public async Task Same_node_host_native_and_vxlan_are_built_verified_and_match_ip()
    {
        // Given the host's own links, and a lab of the four paths this kernel can build
        ScratchLab.RequireRoot();
        var hostLinks = LinkTable.Dump().Select(l => l.Name).ToList();
        var spec = ScratchLab.Spec(Datapath.SameNode, Datapath.Host, Datapath.Native, Datapath.Vxlan);
        try
        {
            // When
            await using var lab = LabInstance.Up(spec, TestContext.Current.CancellationToken);

            // Then every path is ready, verified, with the MTU a CNI would give it
            Assert.All(lab.Paths, p => Assert.Equal(LabPathStatus.Ready, p.Status));
            Assert.All(lab.Paths, p => Assert.Equal(DatapathImplementation.Kernel, p.Impl));
            Assert.All(lab.Paths, p => Assert.True(p.Verification!.Passed, string.Join("; ", p.Verification.Failures)));
            Assert.Equal([1500, 1500, 1500, 1450], lab.Paths.Select(p => p.Verification!.ObservedPathMtu!.Value));
            Assert.Equal([null, true, true, true], lab.Paths.Select(p => p.Verification!.WireMatches));

            CheckSameNode(lab.Path(Datapath.SameNode));
            CheckHost(lab.Path(Datapath.Host));
            CheckNative(lab.Path(Datapath.Native));
            CheckVxlan(lab.Path(Datapath.Vxlan));

            // And nothing appeared in the host namespace; no node has a default route (no way out of the lab)
            Assert.Equal(hostLinks, LinkTable.Dump().Select(l => l.Name).ToList());
            foreach (var node in lab.Paths.SelectMany(p => p.Nodes))
                Assert.DoesNotContain(LabOracle.Ip(node.Namespace, "route", "show").EnumerateArray(), r => r.GetProperty("dst").GetString() == "default");
            Assert.Equal(lab.Namespaces.Order(), ScratchLab.Namespaces(spec.Name).Order());
        }
        finally
        {
            ScratchLab.Remove(spec.Name);
        }

        // And once disposed nothing is left
        Assert.Empty(ScratchLab.Namespaces(spec.Name));
        Assert.False(File.Exists(LabCleaner.Default.Store.PathOf(spec.Name)));
    }

    [Fact]
    public async Task At_underlay_mtu_9000_native_carries_9000_and_vxlan_8950()
    {
        ScratchLab.RequireRoot();
        var spec = ScratchLab.Spec(Datapath.Native, Datapath.Vxlan) with { UnderlayMtu = 9000 };
        try
        {
            await using var lab = LabInstance.Up(spec, TestContext.Current.CancellationToken);

            Assert.Equal([9000, 8950], lab.Paths.Select(p => p.Verification!.ObservedPathMtu!.Value));
            Assert.Equal([9000, 8950], lab.Paths.Select(p => p.PodMtu));
            var vxlan = lab.Path(Datapath.Vxlan);
            Assert.Equal(9000, LabOracle.Link(vxlan.Nodes[0].Namespace, "eth0").GetProperty("mtu").GetInt32());
            Assert.Equal(8950, LabOracle.Link(vxlan.Nodes[0].Namespace, "flannel.1").GetProperty("mtu").GetInt32());
            Assert.Equal(8950, LabOracle.Link(vxlan.Client!.Namespace, "eth0").GetProperty("mtu").GetInt32());
        }
        finally
        {
            ScratchLab.Remove(spec.Name);
        }
    }

    [Fact]
    public async Task A_forced_pod_mtu_above_the_tunnel_is_flagged_and_the_path_mtu_is_learned_from_icmp()
    {
        // Given vxlan with pods at 1500 on a 1500 underlay: the classic misconfiguration
        ScratchLab.RequireRoot();
        var spec = ScratchLab.Spec(Datapath.Vxlan) with { PodMtu = 1500 };
        try
        {
            // When
            await using var lab = LabInstance.Up(spec, TestContext.Current.CancellationToken);

            // Then the pods have 1500, the probes find 1450, and the client's kernel learned it (route cache)
            var path = lab.Path(Datapath.Vxlan);
            Assert.True(path.PodMtuOverridden);
            Assert.Equal(1500, path.PodMtu);
            Assert.Equal(1500, LabOracle.Link(path.Client!.Namespace, "eth0").GetProperty("mtu").GetInt32());
            Assert.Equal(1450, path.Verification!.ObservedPathMtu);
            Assert.True(path.IsReady);
            var cached = LabOracle.Ip(path.Client.Namespace, "route", "get", path.Server!.Address.ToString()).EnumerateArray().Single();
            Assert.Equal(1450, cached.GetProperty("metrics").EnumerateArray().Single().GetProperty("mtu").GetInt32());
        }
        finally
        {
            ScratchLab.Remove(spec.Name);
        }
    }

    [Fact]
    public async Task More_pods_per_node_get_consecutive_addresses_on_the_bridge()
    {
        ScratchLab.RequireRoot();
        var spec = ScratchLab.Spec(Datapath.Native) with { PodsPerNode = 3 };
        try
        {
            await using var lab = LabInstance.Up(spec, TestContext.Current.CancellationToken);
            var path = lab.Path(Datapath.Native);
            Assert.Equal(6, path.Pods.Count);
            Assert.Equal(["10.42.2.2", "10.42.2.3", "10.42.2.4"], path.Pods.Where(p => p.Node == 2).Select(p => p.Address.ToString()));
            var third = path.Pods.Single(p => p.Node == 2 && p.Number == 3);
            Assert.Equal("hello over the lab", LabOracle.TcpEcho(path.Client!, new LabEndpoint(third.Namespace, third.Address, third.Device)));
        }
        finally
        {
            ScratchLab.Remove(spec.Name);
        }
    }

    private static void CheckSameNode(LabPath path)
    {
        var node = Assert.Single(path.Nodes);
        Assert.Equal(2, path.Pods.Count);
        foreach (var pod in path.Pods)
        {
            var veth = LabOracle.Link(node.Namespace, pod.HostVeth);
            Assert.Equal("cni0", veth.GetProperty("master").GetString());
            Assert.Equal(1500, veth.GetProperty("mtu").GetInt32());
        }
        Assert.Equal("hello over the lab", LabOracle.TcpEcho(path.Client!, path.Server!));
    }

    private static void CheckHost(LabPath path)
    {
        Assert.Empty(path.Pods);
        var (a, b) = (path.Nodes[0], path.Nodes[1]);
        Assert.Equal(new IPEndPoint(a.UnderlayAddress, 0).Address, path.Client!.Address);
        var eth0 = LabOracle.Link(a.Namespace, "eth0");
        Assert.Equal("veth", eth0.GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.Equal(1500, eth0.GetProperty("mtu").GetInt32());
        AssertAddress(a.Namespace, "eth0", "198.18.0.1", 24);
        AssertAddress(b.Namespace, "eth0", "198.18.0.2", 24);
        var seen = LabOracle.CaptureOne(a.Namespace, "eth0", "tcp and src host 198.18.0.1 and dst host 198.18.0.2",
            () => Assert.Equal("hello over the lab", LabOracle.TcpEcho(path.Client, path.Server!)));
        Assert.NotNull(seen);
    }

    private static void CheckNative(LabPath path)
    {
        var (a, b) = (path.Nodes[0], path.Nodes[1]);
        var route = Route(a.Namespace, "10.42.2.0/24");
        Assert.Equal("198.18.0.2", route.GetProperty("gateway").GetString());
        Assert.Equal("eth0", route.GetProperty("dev").GetString());
        Assert.Equal("198.18.0.1", Route(b.Namespace, "10.42.1.0/24").GetProperty("gateway").GetString());
        Assert.Equal("1", Shell("ip", "netns", "exec", a.Namespace, "cat", "/proc/sys/net/ipv4/ip_forward"));
        CheckPods(path);
        // The pods' own addresses cross the wire: no encapsulation
        var seen = LabOracle.CaptureOne(a.Namespace, "eth0", "tcp and src host 10.42.1.2 and dst host 10.42.2.2",
            () => Assert.Equal("hello over the lab", LabOracle.TcpEcho(path.Client!, path.Server!)));
        Assert.NotNull(seen);
    }

    private static void CheckVxlan(LabPath path)
    {
        var (a, b) = (path.Nodes[0], path.Nodes[1]);
        var flannel = LabOracle.Link(a.Namespace, "flannel.1");
        var data = flannel.GetProperty("linkinfo").GetProperty("info_data");
        Assert.Equal(1450, flannel.GetProperty("mtu").GetInt32());
        Assert.Equal(1, data.GetProperty("id").GetInt32());
        Assert.Equal("198.18.0.1", data.GetProperty("local").GetString());
        Assert.Equal("eth0", data.GetProperty("link").GetString());
        Assert.Equal(8472, data.GetProperty("port").GetInt32());
        Assert.False(data.GetProperty("learning").GetBoolean());
        AssertAddress(a.Namespace, "flannel.1", "10.42.1.0", 32);

        var peerMac = LabOracle.Link(b.Namespace, "flannel.1").GetProperty("address").GetString();
        var route = Route(a.Namespace, "10.42.2.0/24");
        Assert.Equal("10.42.2.0", route.GetProperty("gateway").GetString());
        Assert.Equal("flannel.1", route.GetProperty("dev").GetString());
        Assert.Contains("onlink", route.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        var neighbour = LabOracle.Ip(a.Namespace, "neigh", "show", "dev", "flannel.1").EnumerateArray().Single();
        Assert.Equal(("10.42.2.0", peerMac), (neighbour.GetProperty("dst").GetString(), neighbour.GetProperty("lladdr").GetString()));
        Assert.Contains("PERMANENT", neighbour.GetProperty("state").EnumerateArray().Select(s => s.GetString()));
        var fdb = JsonDocument.Parse(LabOracle.Bridge(a.Namespace, "-j", "fdb", "show", "dev", "flannel.1")).RootElement.EnumerateArray()
            .Single(e => e.GetProperty("mac").GetString() == peerMac);
        Assert.Equal("198.18.0.2", fdb.GetProperty("dst").GetString());
        Assert.Contains("self", fdb.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        CheckPods(path);
        // On the wire: UDP 8472 between the VTEPs, never the pods' own addresses
        var seen = LabOracle.CaptureOne(a.Namespace, "eth0", "udp and dst port 8472 and src host 198.18.0.1 and dst host 198.18.0.2",
            () => Assert.Equal("hello over the lab", LabOracle.TcpEcho(path.Client!, path.Server!)), "-T", "vxlan");
        Assert.NotNull(seen);
        Assert.Contains("VXLAN", seen);
        Assert.Contains("vni 1", seen);
        Assert.Contains("10.42.1.2", seen);
    }

    private static void CheckPods(LabPath path)
    {
        foreach (var pod in path.Pods)
        {
            var node = path.Nodes.Single(n => n.Number == pod.Node);
            var veth = LabOracle.Link(node.Namespace, pod.HostVeth);
            Assert.Equal("cni0", veth.GetProperty("master").GetString());
            Assert.Equal(path.PodMtu, veth.GetProperty("mtu").GetInt32());
            Assert.Equal(path.PodMtu, LabOracle.Link(node.Namespace, "cni0").GetProperty("mtu").GetInt32());
            var inside = LabOracle.Link(pod.Namespace, "eth0");
            Assert.Equal(path.PodMtu, inside.GetProperty("mtu").GetInt32());
            Assert.Contains("UP", inside.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
            AssertAddress(pod.Namespace, "eth0", pod.Address.ToString(), 24);
            Assert.Equal(node.Gateway.ToString(), Route(pod.Namespace, "default").GetProperty("gateway").GetString());
            Assert.Contains("UP", LabOracle.Link(pod.Namespace, "lo").GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        }
    }

    private static JsonElement Route(string netns, string destination) =>
        LabOracle.Ip(netns, "route", "show").EnumerateArray().Single(r => r.GetProperty("dst").GetString() == destination);

    private static void AssertAddress(string netns, string device, string address, int prefix)
    {
        var info = LabOracle.Ip(netns, "addr", "show", "dev", device).EnumerateArray().Single().GetProperty("addr_info").EnumerateArray();
        Assert.Contains(info, a => a.GetProperty("local").GetString() == address && a.GetProperty("prefixlen").GetInt32() == prefix);
    }

    private static string Shell(string file, params string[] args) => PerfSuite.Tests.Support.Shell.Run(file, args).Trim();
}
