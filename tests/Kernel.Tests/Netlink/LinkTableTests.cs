using System.Text.Json;
using PerfSuite.Kernel.Netlink;

namespace PerfSuite.Kernel.Tests.Netlink;

public sealed class LinkTableTests
{
    [Fact]
    public void Host_links_match_ip_link_show()
    {
        // Given the oracle's view of the caller's namespace
        using var ip = JsonDocument.Parse(Shell.Run("ip", "-j", "-d", "link", "show"));

        // When
        var links = LinkTable.Dump();

        // Then every interface has the same index, name, MTU and operational state
        foreach (var expected in ip.RootElement.EnumerateArray())
        {
            var name = expected.GetProperty("ifname").GetString();
            var link = Assert.Single(links, l => l.Name == name);
            Assert.Equal(expected.GetProperty("ifindex").GetInt32(), link.Index);
            Assert.Equal(expected.GetProperty("mtu").GetInt32(), link.Mtu);
            Assert.Equal(expected.GetProperty("operstate").GetString(), link.OperState);
            Assert.Equal(expected.GetProperty("qdisc").GetString(), link.Qdisc);
        }
        Assert.Equal(ip.RootElement.GetArrayLength(), links.Count);
    }

    [Fact]
    public void The_root_qdisc_is_reported_as_tc_sees_it_a_shaper_left_on_a_device_included()
    {
        // Given two veth ends, one carrying a token bucket filter as its root qdisc
        using var ns = new ScratchNamespace();
        ns.Ip("link", "add", "qa", "type", "veth", "peer", "name", "qb");
        ns.Ip("link", "set", "qa", "up");
        ns.Ip("link", "set", "qb", "up");
        Shell.Run("ip", "netns", "exec", ns.Name, "tc", "qdisc", "add", "dev", "qa", "root", "tbf", "rate", "100mbit", "burst", "32kbit", "latency", "50ms");

        // When
        var links = LinkTable.Dump(ns.Name);

        // Then the shaped end says tbf, its peer keeps the veth's own noqueue
        Assert.Equal("tbf", Assert.Single(links, l => l.Name == "qa").Qdisc);
        Assert.Equal("noqueue", Assert.Single(links, l => l.Name == "qb").Qdisc);
    }

    [Fact]
    public void Links_in_a_namespace_report_kind_master_and_vxlan_parameters()
    {
        // Given a namespace with a bridge, a veth enslaved to it and a VXLAN device, made by iproute2
        using var ns = new ScratchNamespace();
        ns.Ip("link", "add", "br0", "type", "bridge");
        ns.Ip("link", "add", "va", "mtu", "1450", "type", "veth", "peer", "name", "vb");
        ns.Ip("link", "set", "va", "master", "br0");
        ns.Ip("link", "add", "vx1", "type", "vxlan", "id", "42", "dstport", "8472", "local", "198.18.0.1", "nolearning");

        // When
        var links = LinkTable.Dump(ns.Name);

        // Then
        var bridge = Assert.Single(links, l => l.Name == "br0");
        var veth = Assert.Single(links, l => l.Name == "va");
        var vxlan = Assert.Single(links, l => l.Name == "vx1");
        Assert.Equal("bridge", bridge.Kind);
        Assert.Equal("veth", veth.Kind);
        Assert.Equal("bridge", veth.SlaveKind);
        Assert.Equal(bridge.Index, veth.MasterIndex);
        Assert.Equal(1450, veth.Mtu);
        Assert.Equal("vxlan", vxlan.Kind);
        Assert.Equal(42u, vxlan.Tunnel!.Vni);
        Assert.Equal(8472, vxlan.Tunnel.Port);
        Assert.Equal("198.18.0.1", vxlan.Tunnel.Local);
        Assert.False(vxlan.Tunnel.Learning);
        Assert.Contains(links, l => l.IsLoopback && l.Name == "lo");
        Assert.DoesNotContain(links, l => l.Name == "eth0"); // the host's NIC is not in the namespace
    }
}
