using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using PerfSuite.Kernel.Netlink;

namespace PerfSuite.Kernel.Tests.Netlink;

/// <summary>Every request the lab sends, compared byte for byte with what iproute2 sends for the same command
/// (traced with strace). Only the sequence number, the port id and a namespace file descriptor's number differ.</summary>
public sealed class RtnetlinkEncodingTests
{
    /// <summary>Stands in for a namespace file descriptor, whose number differs between two processes.</summary>
    private const int FdSentinel = 0x7e5a5a5a;

    [Fact]
    public void Veth_with_its_peer_created_in_another_namespace_matches_ip()
    {
        // Given a node namespace with a bridge, and a pod namespace
        using var node = new ScratchNamespace();
        using var pod = new ScratchNamespace();
        node.Ip("link", "add", "cni0", "type", "bridge");
        var bridge = IndexOf(node, "cni0");

        // When ip and PerfSuite add a veth enslaved to it, up, whose peer is born in the pod
        var ip = Iproute2Trace.LastRequest("ip", "-n", node.Name, "link", "add", "veth1", "mtu", "1450", "master", "cni0", "up",
            "type", "veth", "peer", "name", "eth0", "mtu", "1450", "netns", pod.Name);
        var ours = LinkMessages.Veth(new LinkSettings("veth1", 1450, Up: true, MasterIndex: bridge), new VethPeer("eth0", 1450, FdSentinel));

        // Then
        AssertSameRequest(ip, ours);
    }

    [Fact]
    public void Bridge_matches_ip()
    {
        using var ns = new ScratchNamespace();
        var ip = Iproute2Trace.LastRequest("ip", "-n", ns.Name, "link", "add", "cni0", "mtu", "9000", "up", "type", "bridge");
        AssertSameRequest(ip, LinkMessages.Bridge(new LinkSettings("cni0", 9000, Up: true)));
    }

    [Fact]
    public void Flannel_style_vxlan_matches_ip()
    {
        // Given an underlay device
        using var ns = new ScratchNamespace();
        ns.Ip("link", "add", "eth0", "type", "veth", "peer", "name", "eth1");
        var underlay = IndexOf(ns, "eth0");

        // When both add flannel.1: VNI 1, local VTEP, underlay device, port 8472, no learning
        var ip = Iproute2Trace.LastRequest("ip", "-n", ns.Name, "link", "add", "flannel.1", "mtu", "1450", "type", "vxlan",
            "id", "1", "local", "198.18.0.1", "dev", "eth0", "dstport", "8472", "nolearning");
        var ours = LinkMessages.Vxlan(new LinkSettings("flannel.1", 1450),
            new VxlanSettings(1, IPAddress.Parse("198.18.0.1"), underlay, 8472, Learning: false));

        AssertSameRequest(ip, ours);
    }

    [Fact]
    public void Ipip_matches_ip_even_where_the_kernel_lacks_the_module()
    {
        using var ns = new ScratchNamespace();
        var ip = Iproute2Trace.LastRequest("ip", "-n", ns.Name, "link", "add", "tunl0", "mtu", "1480", "type", "ipip");
        AssertSameRequest(ip, LinkMessages.Ipip(new LinkSettings("tunl0", 1480)));
    }

    [Fact]
    public void Wireguard_matches_ip_even_where_the_kernel_lacks_the_module()
    {
        using var ns = new ScratchNamespace();
        var ip = Iproute2Trace.LastRequest("ip", "-n", ns.Name, "link", "add", "ps-lab-w1", "mtu", "1440", "type", "wireguard");
        AssertSameRequest(ip, LinkMessages.Wireguard(new LinkSettings("ps-lab-w1", 1440)));
    }

    [Fact]
    public void Link_set_of_mtu_master_and_up_in_one_request_matches_ip()
    {
        using var ns = new ScratchNamespace();
        ns.Ip("link", "add", "cni0", "type", "bridge");
        ns.Ip("link", "add", "veth1", "type", "veth", "peer", "name", "veth1p");
        var ip = Iproute2Trace.LastRequest("ip", "-n", ns.Name, "link", "set", "dev", "veth1", "mtu", "1400", "master", "cni0", "up");
        AssertSameRequest(ip, LinkMessages.Set(IndexOf(ns, "veth1"), new LinkChange(Mtu: 1400, MasterIndex: IndexOf(ns, "cni0"), Up: true)));
    }

    [Fact]
    public void Link_set_netns_matches_ip()
    {
        using var ns = new ScratchNamespace();
        using var other = new ScratchNamespace();
        ns.Ip("link", "add", "veth1", "type", "veth", "peer", "name", "veth1p");
        var index = IndexOf(ns, "veth1p"); // before ip moves it away
        var ip = Iproute2Trace.LastRequest("ip", "-n", ns.Name, "link", "set", "dev", "veth1p", "netns", other.Name);
        AssertSameRequest(ip, LinkMessages.Set(index, new LinkChange(NetnsFd: FdSentinel)));
    }

    [Theory]
    [InlineData("10.42.1.1", 24)]
    [InlineData("10.42.1.0", 32)]
    [InlineData("198.18.0.2", 24)]
    public void Address_add_matches_ip(string address, int prefix)
    {
        using var ns = new ScratchNamespace();
        ns.Ip("link", "add", "cni0", "type", "bridge");
        var ip = Iproute2Trace.LastRequest("ip", "-n", ns.Name, "addr", "add", $"{address}/{prefix}", "dev", "cni0");
        AssertSameRequest(ip, AddressMessages.Add(IndexOf(ns, "cni0"), IPAddress.Parse(address), prefix));
    }

    [Fact]
    public void Onlink_route_with_a_route_mtu_matches_ip()
    {
        using var ns = new ScratchNamespace();
        ns.Ip("link", "add", "flannel.1", "type", "vxlan", "id", "1", "dstport", "8472");
        var ip = Iproute2Trace.LastRequest("ip", "-n", ns.Name, "route", "add", "10.42.2.0/24", "via", "10.42.2.0", "dev", "flannel.1",
            "onlink", "mtu", "1450");
        var ours = RouteMessages.Add(new RouteSpec(IPNetwork.Parse("10.42.2.0/24"), IPAddress.Parse("10.42.2.0"), IndexOf(ns, "flannel.1"),
            OnLink: true, Mtu: 1450));
        AssertSameRequest(ip, ours);
    }

    [Fact]
    public void Default_route_via_a_gateway_matches_ip()
    {
        using var ns = new ScratchNamespace();
        var ip = Iproute2Trace.LastRequest("ip", "-n", ns.Name, "route", "add", "default", "via", "10.42.1.1");
        AssertSameRequest(ip, RouteMessages.Add(new RouteSpec(IPNetwork.Parse("0.0.0.0/0"), IPAddress.Parse("10.42.1.1"))));
    }

    [Fact]
    public void Device_route_without_gateway_matches_ip()
    {
        using var ns = new ScratchNamespace();
        ns.Ip("link", "add", "cni0", "type", "bridge");
        var ip = Iproute2Trace.LastRequest("ip", "-n", ns.Name, "route", "add", "10.42.9.0/24", "dev", "cni0");
        AssertSameRequest(ip, RouteMessages.Add(new RouteSpec(IPNetwork.Parse("10.42.9.0/24"), DeviceIndex: IndexOf(ns, "cni0"))));
    }

    [Fact]
    public void Permanent_neighbour_matches_ip()
    {
        using var ns = new ScratchNamespace();
        ns.Ip("link", "add", "flannel.1", "type", "vxlan", "id", "1", "dstport", "8472");
        var ip = Iproute2Trace.LastRequest("ip", "-n", ns.Name, "neigh", "add", "10.42.2.0", "lladdr", "02:70:73:00:00:02",
            "dev", "flannel.1", "nud", "permanent");
        var ours = NeighbourMessages.AddPermanent(IndexOf(ns, "flannel.1"), IPAddress.Parse("10.42.2.0"), PhysicalAddress.Parse("02-70-73-00-00-02"));
        AssertSameRequest(ip, ours);
    }

    [Fact]
    public void Fdb_append_to_a_vtep_matches_bridge()
    {
        using var ns = new ScratchNamespace();
        ns.Ip("link", "add", "flannel.1", "type", "vxlan", "id", "1", "dstport", "8472");
        var ip = Iproute2Trace.LastRequest("bridge", "-n", ns.Name, "fdb", "append", "02:70:73:00:00:02", "dst", "198.18.0.2",
            "dev", "flannel.1", "self");
        var ours = NeighbourMessages.AppendFdb(IndexOf(ns, "flannel.1"), PhysicalAddress.Parse("02-70-73-00-00-02"), IPAddress.Parse("198.18.0.2"));
        AssertSameRequest(ip, ours);
    }

    private static int IndexOf(ScratchNamespace ns, string device) => LinkTable.Dump(ns.Name).Single(l => l.Name == device).Index;

    private static void AssertSameRequest(Iproute2Trace.Request ip, NetlinkMessageWriter ours)
    {
        var bytes = ours.Complete(0, NetlinkFlags.Request | NetlinkFlags.Ack).ToArray();
        var payload = bytes[NetlinkMessageWriter.HeaderSize..];
        // A namespace descriptor's number is the one thing that legitimately differs: take ip's at the same place.
        Span<byte> sentinel = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(sentinel, FdSentinel);
        var at = payload.AsSpan().IndexOf(sentinel);
        if (at >= 0 && at + 4 <= ip.Payload.Length)
            ip.Payload.AsSpan(at, 4).CopyTo(payload.AsSpan(at));
        Assert.Equal($"type 0x{ip.Type:x} flags 0x{ip.Flags:x}",
            $"type 0x{BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)):x} flags 0x{BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(6)):x}");
        Assert.Equal(Convert.ToHexString(ip.Payload), Convert.ToHexString(payload));
    }
}
