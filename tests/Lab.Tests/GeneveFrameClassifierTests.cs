using System.Buffers.Binary;
using System.Net;
using PerfSuite.Lab.Verification;
using static PerfSuite.Lab.Tests.UnderlayFrameClassifierTests;

namespace PerfSuite.Lab.Tests;

/// <summary>Geneve frames built byte by byte as RFC 8926 §3.4 lays them out: UDP to 6081, an 8-byte header (version
/// 0, options length in 4-byte words, protocol type 0x6558, 24-bit VNI), the options, the inner Ethernet frame.</summary>
public sealed class GeneveFrameClassifierTests
{
    private static readonly IPAddress PodA = IPAddress.Parse("10.42.1.2");
    private static readonly IPAddress PodB = IPAddress.Parse("10.42.2.2");
    private static readonly IPAddress NodeA = IPAddress.Parse("198.18.0.1");
    private static readonly IPAddress NodeB = IPAddress.Parse("198.18.0.2");

    private readonly UnderlayFrameClassifier _geneve = new(PodA, PodB, NodeA, NodeB, 6081);

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Geneve_carrying_a_probe_is_recognised_with_its_vni_after_any_options(int optionWords)
    {
        // Given a probe in Geneve with VNI 1 and optionWords × 4 bytes of options
        var frame = Ethernet(Ipv4(NodeA, NodeB, 17, Udp(51234, 6081, Geneve(optionWords, 0x6558, Inner()))));

        // When
        var observation = _geneve.Classify(frame);

        // Then
        Assert.Equal(WireObservationKind.GeneveProbe, observation.Kind);
        Assert.Contains("Geneve VNI 1 ", observation.Summary);
        Assert.Contains("10.42.1.2 → 10.42.2.2", observation.Summary);
    }

    [Fact]
    public void Geneve_with_another_protocol_type_is_only_udp_to_the_port()
    {
        // Given a Geneve header that says IPv4 (0x0800) follows, not Ethernet
        var frame = Ethernet(Ipv4(NodeA, NodeB, 17, Udp(51234, 6081, Geneve(0, 0x0800, Inner()))));
        Assert.Equal(WireObservationKind.UdpToPort, _geneve.Classify(frame).Kind);
    }

    [Fact]
    public void Vxlan_on_the_geneve_port_is_not_taken_for_geneve()
    {
        // Given a VXLAN header (I flag, reserved zeros where Geneve has its protocol type) on port 6081
        var vxlan = new byte[8 + Inner().Length];
        vxlan[0] = 0x08;
        BinaryPrimitives.WriteUInt32BigEndian(vxlan.AsSpan(4), 1u << 8);
        Inner().CopyTo(vxlan, 8);
        var frame = Ethernet(Ipv4(NodeA, NodeB, 17, Udp(51234, 6081, vxlan)));
        Assert.Equal(WireObservationKind.VxlanProbe, _geneve.Classify(frame).Kind);
    }

    [Fact]
    public void Geneve_on_another_port_is_only_udp_between_the_nodes()
    {
        var frame = Ethernet(Ipv4(NodeA, NodeB, 17, Udp(51234, 6082, Geneve(0, 0x6558, Inner()))));
        Assert.Equal(WireObservationKind.Unrelated, _geneve.Classify(frame).Kind);
    }

    private static byte[] Inner() => Ethernet(Ipv4(PodA, PodB, 17, Udp(40000, 50000, UnderlayFrameClassifierTests.Probe())));

    private static byte[] Geneve(int optionWords, ushort protocolType, byte[] inner)
    {
        var header = 8 + optionWords * 4;
        var geneve = new byte[header + inner.Length];
        geneve[0] = (byte)optionWords; // version 0 in the top two bits
        BinaryPrimitives.WriteUInt16BigEndian(geneve.AsSpan(2), protocolType);
        BinaryPrimitives.WriteUInt32BigEndian(geneve.AsSpan(4), 1u << 8);
        for (var i = 8; i < header; i++)
            geneve[i] = 0xa5; // option bytes: class, type, length, data; never read
        inner.CopyTo(geneve, header);
        return geneve;
    }
}
