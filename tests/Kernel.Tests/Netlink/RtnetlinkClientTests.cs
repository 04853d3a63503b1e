using System.Net;
using System.Net.NetworkInformation;
using System.Text.Json;
using PerfSuite.Kernel.Netlink;
using PerfSuite.Kernel.Sysctl;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Tests.Netlink;

/// <summary>What the client builds, read back with <c>ip -j -d</c> and <c>bridge -j</c> as the oracle.</summary>
public sealed class RtnetlinkClientTests
{
    [Fact]
    public void Veth_peer_is_born_in_the_other_namespace_and_never_in_the_callers()
    {
        // Given two namespaces and the host's links
        using var node = new ScratchNamespace();
        using var pod = new ScratchNamespace();
        var hostBefore = LinkTable.Dump().Select(l => l.Name).ToList();

        // When the node adds a veth whose peer is created in the pod
        using (var client = RtnetlinkClient.Open(node.Name))
            client.AddVeth(new LinkSettings("veth1", 1450, Up: true), "eth0", pod.Name, peerMtu: 1450);

        // Then ip sees one end in each namespace, the peer down (it starts so), and the host has nothing new
        var nodeSide = Link(node, "veth1");
        var podSide = Link(pod, "eth0");
        Assert.Equal("veth", nodeSide.GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.Equal(1450, nodeSide.GetProperty("mtu").GetInt32());
        Assert.Contains("UP", Flags(nodeSide));
        Assert.Equal(1450, podSide.GetProperty("mtu").GetInt32());
        Assert.DoesNotContain("UP", Flags(podSide));
        Assert.Equal(podSide.GetProperty("ifindex").GetInt32(), nodeSide.GetProperty("link_index").GetInt32());
        Assert.Equal(hostBefore, LinkTable.Dump().Select(l => l.Name).ToList());
    }

    [Fact]
    public void Flannel_vxlan_with_routes_neighbours_and_fdb_reads_back_in_ip_and_bridge()
    {
        // Given a node with an underlay device
        using var node = new ScratchNamespace();
        using var peer = new ScratchNamespace();
        using var client = RtnetlinkClient.Open(node.Name);
        client.AddVeth(new LinkSettings("eth0", 9000, Up: true), "eth0", peer.Name, 9000);
        client.AddAddress("eth0", IPAddress.Parse("198.18.0.1"), 24);
        var remoteMac = PhysicalAddress.Parse("02-70-73-00-00-02");

        // When PerfSuite programs flannel.1 as flanneld would
        client.AddVxlan(new LinkSettings("flannel.1", 8950, Up: true),
            new VxlanSettings(1, IPAddress.Parse("198.18.0.1"), client.IndexOf("eth0"), 8472, Learning: false));
        client.AddAddress("flannel.1", IPAddress.Parse("10.42.1.0"), 32);
        client.AddPermanentNeighbour("flannel.1", IPAddress.Parse("10.42.2.0"), remoteMac);
        client.AppendFdb("flannel.1", remoteMac, IPAddress.Parse("198.18.0.2"));
        client.AddRoute(IPNetwork.Parse("10.42.2.0/24"), IPAddress.Parse("10.42.2.0"), "flannel.1", onLink: true, mtu: 8950);

        // Then ip -j -d and bridge -j agree
        var vxlan = Link(node, "flannel.1");
        var data = vxlan.GetProperty("linkinfo").GetProperty("info_data");
        Assert.Equal("vxlan", vxlan.GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.Equal(8950, vxlan.GetProperty("mtu").GetInt32());
        Assert.Equal(1, data.GetProperty("id").GetInt32());
        Assert.Equal("198.18.0.1", data.GetProperty("local").GetString());
        Assert.Equal("eth0", data.GetProperty("link").GetString());
        Assert.Equal(8472, data.GetProperty("port").GetInt32());
        Assert.False(data.GetProperty("learning").GetBoolean());

        var route = Json(node.Ip("-j", "route", "show", "10.42.2.0/24")).EnumerateArray().Single();
        Assert.Equal("10.42.2.0", route.GetProperty("gateway").GetString());
        Assert.Equal("flannel.1", route.GetProperty("dev").GetString());
        Assert.Contains("onlink", route.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(8950, route.GetProperty("metrics").EnumerateArray().Single().GetProperty("mtu").GetInt32());

        var neighbour = Json(node.Ip("-j", "neigh", "show", "dev", "flannel.1")).EnumerateArray().Single();
        Assert.Equal("10.42.2.0", neighbour.GetProperty("dst").GetString());
        Assert.Equal("02:70:73:00:00:02", neighbour.GetProperty("lladdr").GetString());
        Assert.Equal(["PERMANENT"], neighbour.GetProperty("state").EnumerateArray().Select(s => s.GetString()));

        var fdb = Json(Shell.Run("bridge", "-n", node.Name, "-j", "fdb", "show", "dev", "flannel.1")).EnumerateArray()
            .Single(e => e.GetProperty("mac").GetString() == "02:70:73:00:00:02");
        Assert.Equal("198.18.0.2", fdb.GetProperty("dst").GetString());
        Assert.Contains("self", fdb.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));

        // And the client's own dumps read the same state back
        Assert.Contains(client.Addresses(), a => a.Index == client.IndexOf("flannel.1") && a.ToString() == "10.42.1.0/32");
        var ours = Assert.Single(client.Routes(), r => r.Destination.ToString() == "10.42.2.0/24");
        Assert.Equal((IPAddress.Parse("10.42.2.0"), true, 8950), (ours.Gateway, ours.OnLink, ours.Mtu));
        Assert.Contains(client.Neighbours(AddressFamilies.Inet), n => n.IsPermanent && Equals(n.Address, IPAddress.Parse("10.42.2.0")) && Equals(n.LinkAddress, remoteMac));
        Assert.Contains(client.Neighbours(AddressFamilies.Bridge), n => n.IsSelf && Equals(n.Address, IPAddress.Parse("198.18.0.2")) && Equals(n.LinkAddress, remoteMac));
    }

    [Fact]
    public void Link_set_applies_mtu_master_and_up_together()
    {
        using var ns = new ScratchNamespace();
        using var client = RtnetlinkClient.Open(ns.Name);
        client.AddBridge(new LinkSettings("cni0", 1400, Up: true));
        client.AddVeth(new LinkSettings("veth1"), "veth1p");

        client.SetLink("veth1", mtu: 1400, master: "cni0", up: true);

        var veth = Link(ns, "veth1");
        Assert.Equal(1400, veth.GetProperty("mtu").GetInt32());
        Assert.Equal("cni0", veth.GetProperty("master").GetString());
        Assert.Contains("UP", Flags(veth));
    }

    [Theory]
    [InlineData("ipip")]
    [InlineData("wireguard")]
    public void A_kind_the_kernel_lacks_says_which_module_is_missing(string kind)
    {
        // Given a kernel without the module (this project's machines)
        HostSkips.UnlessKernelLacks(kind, KernelHasModule(kind));
        using var ns = new ScratchNamespace();
        using var client = RtnetlinkClient.Open(ns.Name);

        // When
        var e = Assert.Throws<KernelModuleMissingException>(() =>
        {
            if (kind == "ipip")
                client.AddIpip(new LinkSettings("tunl0", 1480));
            else
                client.AddWireguard(new LinkSettings("ps-lab-w1", 1440));
        });

        // Then the reason is NotSupported, and the message names the module, the device and the namespace
        Assert.Equal(ErrorReason.NotSupported, e.Reason);
        Assert.Equal(kind, e.Kind);
        Assert.Contains($"the kernel has no '{kind}' module", e.Message);
        Assert.Contains(kind == "ipip" ? "'tunl0'" : "'ps-lab-w1'", e.Message);
        Assert.Contains(ns.Name, e.Message);
    }

    [Fact]
    public void A_failed_request_names_the_request_the_device_and_the_namespace()
    {
        using var ns = new ScratchNamespace();
        using var client = RtnetlinkClient.Open(ns.Name);
        client.AddBridge(new LinkSettings("cni0"));
        client.AddAddress("cni0", IPAddress.Parse("10.42.1.1"), 24);

        var duplicate = Assert.Throws<ErrnoException>(() => client.AddAddress("cni0", IPAddress.Parse("10.42.1.1"), 24));
        var missing = Assert.ThrowsAny<PerfSuiteException>(() => client.AddAddress("nope0", IPAddress.Parse("10.42.1.1"), 24));
        var tooBig = Assert.Throws<ErrnoException>(() => client.SetLink("cni0", mtu: 70000));

        Assert.Equal(ErrorReason.Busy, duplicate.Reason);
        Assert.StartsWith($"adding address 10.42.1.1/24 to 'cni0' in network namespace '{ns.Name}'", duplicate.Message);
        Assert.Equal(ErrorReason.NotFound, missing.Reason);
        Assert.Contains("'nope0'", missing.Message);
        Assert.Equal(ErrorReason.InvalidArgument, tooBig.Reason);
        Assert.StartsWith($"setting link 'cni0' (mtu 70000) in network namespace '{ns.Name}'", tooBig.Message);
    }

    [Fact]
    public void Sysctl_written_inside_a_namespace_leaves_the_host_alone()
    {
        using var ns = new ScratchNamespace();
        var host = File.ReadAllText("/proc/sys/net/ipv4/ip_forward").Trim();

        NamespaceSysctl.Write(ns.Name, ("net.ipv4.ip_forward", host == "1" ? "0" : "1"));

        Assert.Equal(host == "1" ? "0" : "1", Shell.Run("ip", "netns", "exec", ns.Name, "cat", "/proc/sys/net/ipv4/ip_forward").Trim());
        Assert.Equal(host == "1" ? "0" : "1", NamespaceSysctl.Read(ns.Name, "net.ipv4.ip_forward"));
        Assert.Equal(host, File.ReadAllText("/proc/sys/net/ipv4/ip_forward").Trim());
    }

    private static bool KernelHasModule(string kind)
    {
        if (Directory.Exists($"/sys/module/{kind}"))
            return true;
        var modules = $"/lib/modules/{File.ReadAllText("/proc/sys/kernel/osrelease").Trim()}";
        return Directory.Exists(modules) &&
            Directory.EnumerateFiles(modules, $"{kind}.ko*", SearchOption.AllDirectories).Any();
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static JsonElement Link(ScratchNamespace ns, string device) =>
        Json(ns.Ip("-j", "-d", "link", "show", "dev", device)).EnumerateArray().Single();

    private static List<string?> Flags(JsonElement link) => link.GetProperty("flags").EnumerateArray().Select(f => f.GetString()).ToList();
}
