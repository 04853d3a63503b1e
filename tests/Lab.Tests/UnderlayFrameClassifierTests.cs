using System.Buffers.Binary;
using System.Net;
using PerfSuite.Lab.Verification;

namespace PerfSuite.Lab.Tests;

/// <summary>Frames built byte by byte as the kernel puts them on the wire (RFC 791, 768, 7348, 2003).</summary>
public sealed class UnderlayFrameClassifierTests
{
    private static readonly IPAddress PodA = IPAddress.Parse("10.42.1.2");
    private static readonly IPAddress PodB = IPAddress.Parse("10.42.2.2");
    private static readonly IPAddress NodeA = IPAddress.Parse("198.18.0.1");
    private static readonly IPAddress NodeB = IPAddress.Parse("198.18.0.2");

    private readonly UnderlayFrameClassifier _vxlan = new(PodA, PodB, NodeA, NodeB, 8472);

    [Fact]
    public void Bare_probe_between_pods_is_recognised()
    {
        var frame = Ethernet(Ipv4(PodA, PodB, 17, Udp(40000, 50000, Probe())));
        Assert.Equal(WireObservationKind.BareProbe, _vxlan.Classify(frame).Kind);
    }

    [Fact]
    public void Vxlan_carrying_a_probe_is_recognised_with_its_vni()
    {
        var inner = Ethernet(Ipv4(PodA, PodB, 17, Udp(40000, 50000, Probe())));
        var vxlan = new byte[8 + inner.Length];
        vxlan[0] = 0x08; // I flag: the VNI is valid
        BinaryPrimitives.WriteUInt32BigEndian(vxlan.AsSpan(4), 1u << 8);
        inner.CopyTo(vxlan, 8);
        var frame = Ethernet(Ipv4(NodeA, NodeB, 17, Udp(51234, 8472, vxlan)));

        var observation = _vxlan.Classify(frame);

        Assert.Equal(WireObservationKind.VxlanProbe, observation.Kind);
        Assert.Contains("VNI 1", observation.Summary);
        Assert.Contains("10.42.1.2 → 10.42.2.2", observation.Summary);
    }

    [Fact]
    public void Ip_in_ip_carrying_a_probe_is_recognised()
    {
        var classifier = new UnderlayFrameClassifier(PodA, PodB, NodeA, NodeB, null);
        var frame = Ethernet(Ipv4(NodeA, NodeB, 4, Ipv4(PodA, PodB, 17, Udp(40000, 50000, Probe()))));
        Assert.Equal(WireObservationKind.IpInIpProbe, classifier.Classify(frame).Kind);
    }

    [Fact]
    public void Udp_to_the_port_between_nodes_is_recognised_without_reading_it()
    {
        var classifier = new UnderlayFrameClassifier(PodA, PodB, NodeA, NodeB, 51820);
        var frame = Ethernet(Ipv4(NodeA, NodeB, 17, Udp(51820, 51820, new byte[64])));
        Assert.Equal(WireObservationKind.UdpToPort, classifier.Classify(frame).Kind);
    }

    [Fact]
    public void A_vlan_tag_is_stepped_over()
    {
        var untagged = Ethernet(Ipv4(PodA, PodB, 17, Udp(40000, 50000, Probe())));
        var tagged = new byte[untagged.Length + 4];
        untagged.AsSpan(0, 12).CopyTo(tagged);
        tagged[12] = 0x81;
        tagged[13] = 0x00;
        untagged.AsSpan(12).CopyTo(tagged.AsSpan(16));
        Assert.Equal(WireObservationKind.BareProbe, _vxlan.Classify(tagged).Kind);
    }

    [Theory]
    [InlineData("arp")]
    [InlineData("other-udp")]
    [InlineData("other-hosts")]
    [InlineData("truncated")]
    public void Anything_else_is_unrelated(string what)
    {
        var frame = what switch
        {
            "arp" => Ethernet([0, 1, 8, 0, 6, 4, 0, 1], etherType: 0x0806),
            "other-udp" => Ethernet(Ipv4(NodeA, NodeB, 17, Udp(1000, 53, new byte[20]))),
            "other-hosts" => Ethernet(Ipv4(IPAddress.Parse("10.0.0.1"), IPAddress.Parse("10.0.0.2"), 17, Udp(1, 2, Probe()))),
            _ => Ethernet(Ipv4(PodA, PodB, 17, Udp(40000, 50000, Probe())))[..20],
        };
        Assert.Equal(WireObservationKind.Unrelated, _vxlan.Classify(frame).Kind);
    }

    internal static byte[] Probe()
    {
        var payload = new byte[UdpProbeClient.Marker.Length + 4];
        UdpProbeClient.Marker.CopyTo(payload);
        return payload;
    }

    internal static byte[] Udp(ushort source, ushort destination, byte[] payload)
    {
        var udp = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, source);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), destination);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        payload.CopyTo(udp, 8);
        return udp;
    }

    internal static byte[] Ipv4(IPAddress source, IPAddress destination, byte protocol, byte[] payload)
    {
        var packet = new byte[20 + payload.Length];
        packet[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), (ushort)packet.Length);
        packet[6] = 0x40; // DF
        packet[8] = 64;
        packet[9] = protocol;
        source.GetAddressBytes().CopyTo(packet, 12);
        destination.GetAddressBytes().CopyTo(packet, 16);
        payload.CopyTo(packet, 20);
        return packet;
    }

    internal static byte[] Ethernet(byte[] payload, ushort etherType = 0x0800)
    {
        var frame = new byte[14 + payload.Length];
        frame[0] = 0x02;
        frame[6] = 0x02;
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), etherType);
        payload.CopyTo(frame, 14);
        return frame;
    }
}
