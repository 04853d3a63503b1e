using System.Buffers.Binary;
using System.Net;
using PerfSuite.Lab.Tunnels.Ipip;

namespace PerfSuite.Lab.Tests.Tunnels;

public sealed class IpipEncapsulationTests
{
    private static readonly uint NodeA = IpipEncapsulation.AddressValue(IPAddress.Parse("198.18.0.1"));
    private static readonly uint NodeB = IpipEncapsulation.AddressValue(IPAddress.Parse("198.18.0.2"));

    /// <summary>An IPv4/UDP packet from 10.42.1.7 to 10.42.2.9 of <paramref name="length"/> bytes, placed at
    /// offset 20 of a buffer as the TUN loop reads it.</summary>
    private static byte[] InnerPacketAtOffset20(int length, bool dontFragment = true, byte tos = 0, byte protocol = 17)
    {
        var buffer = new byte[20 + length + 64];
        var p = buffer.AsSpan(20, length);
        p[0] = 0x45;
        p[1] = tos;
        BinaryPrimitives.WriteUInt16BigEndian(p[2..], (ushort)length);
        BinaryPrimitives.WriteUInt16BigEndian(p[4..], 0x1234);
        BinaryPrimitives.WriteUInt16BigEndian(p[6..], dontFragment ? (ushort)0x4000 : (ushort)0);
        p[8] = 63;
        p[9] = protocol;
        new byte[] { 10, 42, 1, 7, 10, 42, 2, 9 }.CopyTo(p[12..]);
        BinaryPrimitives.WriteUInt16BigEndian(p[10..], Ipv4Checksum.Compute(p[..20]));
        for (var i = 20; i < length; i++)
            p[i] = (byte)i;
        return buffer;
    }

    [Fact]
    public void Internet_checksum_matches_the_textbook_header()
    {
        // Given the classic example header 4500 0073 0000 4000 4011 [0000] c0a8 0001 c0a8 00c7
        var header = Convert.FromHexString("450000730000400040110000c0a80001c0a800c7");

        // Then its checksum is b861 and a header carrying it sums to zero
        Assert.Equal(0xb861, Ipv4Checksum.Compute(header));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(10), 0xb861);
        Assert.Equal(0, Ipv4Checksum.Compute(header));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Outer_header_is_20_bytes_of_protocol_4_with_df_and_dscp_copied(bool dontFragment)
    {
        // Given a 1000-byte inner packet with DSCP AF41 (0x88) and ECT(0)
        var buffer = InnerPacketAtOffset20(1000, dontFragment, tos: 0x8a);
        var innerBefore = buffer.AsSpan(20, 1000).ToArray();

        // When it is encapsulated from node A to node B
        var length = IpipEncapsulation.Encapsulate(buffer, 1000, NodeA, NodeB, 77);

        // Then the outer header says IPv4, 20 bytes, protocol 4, A -> B, and carries DF and the TOS byte over
        var outer = buffer.AsSpan(0, 20);
        Assert.Equal(1020, length);
        Assert.Equal(0x45, outer[0]);
        Assert.Equal(0x8a, outer[1]);
        Assert.Equal(1020, BinaryPrimitives.ReadUInt16BigEndian(outer[2..]));
        Assert.Equal(77, BinaryPrimitives.ReadUInt16BigEndian(outer[4..]));
        Assert.Equal(dontFragment ? 0x4000 : 0, BinaryPrimitives.ReadUInt16BigEndian(outer[6..]));
        Assert.Equal(IpipEncapsulation.OuterTtl, outer[8]);
        Assert.Equal(4, outer[9]);
        Assert.Equal(0, Ipv4Checksum.Compute(outer));
        Assert.Equal([198, 18, 0, 1, 198, 18, 0, 2], outer[12..20].ToArray());
        // and the inner packet is untouched
        Assert.Equal(innerBefore, buffer.AsSpan(20, 1000).ToArray());
    }

    [Fact]
    public void Congestion_experienced_inside_becomes_ect0_outside()
    {
        var buffer = InnerPacketAtOffset20(100, tos: 0x03);

        IpipEncapsulation.Encapsulate(buffer, 100, NodeA, NodeB, 1);

        Assert.Equal(0x02, buffer[1]);
    }

    [Fact]
    public void Packets_that_are_not_whole_ipv4_packets_are_not_encapsulated()
    {
        var ipv6 = new byte[20 + 60];
        ipv6[20] = 0x60;
        var wrongLength = InnerPacketAtOffset20(100);
        BinaryPrimitives.WriteUInt16BigEndian(wrongLength.AsSpan(22), 120);
        var tooShort = new byte[40];

        Assert.Equal(0, IpipEncapsulation.Encapsulate(ipv6, 60, NodeA, NodeB, 1));
        Assert.Equal(0, IpipEncapsulation.Encapsulate(wrongLength, 100, NodeA, NodeB, 1));
        Assert.Equal(0, IpipEncapsulation.Encapsulate(tooShort, 10, NodeA, NodeB, 1));
    }

    [Fact]
    public void Decapsulation_returns_the_inner_packet_of_the_configured_peer()
    {
        // Given what node A sends
        var buffer = InnerPacketAtOffset20(500);
        var inner = buffer.AsSpan(20, 500).ToArray();
        var length = IpipEncapsulation.Encapsulate(buffer, 500, NodeA, NodeB, 9);

        // When node B (expecting A) decapsulates it
        var verdict = IpipEncapsulation.Decapsulate(buffer.AsSpan(0, length), NodeA, NodeB, out var offset, out var innerLength);

        // Then it gets exactly the inner packet
        Assert.Equal(DecapsulationVerdict.Accepted, verdict);
        Assert.Equal(inner, buffer.AsSpan(offset, innerLength).ToArray());
    }

    [Fact]
    public void Decapsulation_rejects_other_peers_destinations_protocols_and_fragments()
    {
        var otherPeer = IpipEncapsulation.AddressValue(IPAddress.Parse("198.18.0.3"));
        byte[] Packet()
        {
            var b = InnerPacketAtOffset20(200);
            var n = IpipEncapsulation.Encapsulate(b, 200, NodeA, NodeB, 5);
            return b[..n];
        }
        DecapsulationVerdict Decapsulate(byte[] p, uint source, uint destination) =>
            IpipEncapsulation.Decapsulate(p, source, destination, out _, out _);

        Assert.Equal(DecapsulationVerdict.WrongPeer, Decapsulate(Packet(), otherPeer, NodeB));
        Assert.Equal(DecapsulationVerdict.WrongDestination, Decapsulate(Packet(), NodeA, otherPeer));

        var udp = Packet();
        udp[9] = 17;
        Assert.Equal(DecapsulationVerdict.NotIpip, Decapsulate(udp, NodeA, NodeB));

        var fragment = Packet();
        fragment[6] = 0x20; // MF
        Assert.Equal(DecapsulationVerdict.Fragment, Decapsulate(fragment, NodeA, NodeB));

        Assert.Equal(DecapsulationVerdict.Truncated, Decapsulate(Packet()[..100], NodeA, NodeB));

        var badInner = Packet();
        BinaryPrimitives.WriteUInt16BigEndian(badInner.AsSpan(22), 150);
        Assert.Equal(DecapsulationVerdict.InnerMalformed, Decapsulate(badInner, NodeA, NodeB));

        var ipv6Outer = Packet();
        ipv6Outer[0] = 0x60;
        Assert.Equal(DecapsulationVerdict.NotIpv4, Decapsulate(ipv6Outer, NodeA, NodeB));
    }

    [Fact]
    public void Congestion_experienced_outside_is_marked_inside_or_dropped_per_rfc_6040()
    {
        // Given outer CE over an ECT(0) inner packet, and over a Not-ECT one
        var ect = InnerPacketAtOffset20(100, tos: 0x02);
        var n1 = IpipEncapsulation.Encapsulate(ect, 100, NodeA, NodeB, 1);
        ect[1] |= 0x03;
        var notEct = InnerPacketAtOffset20(100, tos: 0x00);
        var n2 = IpipEncapsulation.Encapsulate(notEct, 100, NodeA, NodeB, 2);
        notEct[1] |= 0x03;

        // Then the ECT packet is delivered marked CE with a valid checksum, the Not-ECT one is dropped
        Assert.Equal(DecapsulationVerdict.Accepted, IpipEncapsulation.Decapsulate(ect.AsSpan(0, n1), NodeA, NodeB, out var offset, out _));
        Assert.Equal(0x03, ect[offset + 1] & 0x03);
        Assert.Equal(0, Ipv4Checksum.Compute(ect.AsSpan(offset, 20)));
        Assert.Equal(DecapsulationVerdict.CongestionOnNonEct, IpipEncapsulation.Decapsulate(notEct.AsSpan(0, n2), NodeA, NodeB, out _, out _));
    }

    [Fact]
    public void Fragmentation_needed_goes_back_to_the_sender_with_the_tunnel_mtu()
    {
        // Given a 1500-byte DF packet that does not fit a 1480-byte tunnel
        var buffer = InnerPacketAtOffset20(1500);
        var inner = buffer.AsSpan(20, 1500).ToArray();
        var icmp = new byte[1000];

        var length = IpipEncapsulation.WriteFragmentationNeeded(inner, 1480, icmp);

        // Then an ICMP type 3 code 4 from the inner destination to the inner source says 1480, quoting the start
        // of the packet, at most 576 bytes in all
        Assert.Equal(576, length);
        Assert.Equal(0, Ipv4Checksum.Compute(icmp.AsSpan(0, 20)));
        Assert.Equal(1, icmp[9]);
        Assert.Equal([10, 42, 2, 9, 10, 42, 1, 7], icmp[12..20]);
        Assert.Equal(3, icmp[20]);
        Assert.Equal(4, icmp[21]);
        Assert.Equal(1480, BinaryPrimitives.ReadUInt16BigEndian(icmp.AsSpan(26)));
        Assert.Equal(0, Ipv4Checksum.Compute(icmp.AsSpan(20, length - 20)));
        Assert.Equal(inner[..548], icmp[28..576]);
    }

    [Fact]
    public void No_icmp_error_about_an_icmp_error_or_a_later_fragment()
    {
        var icmpError = InnerPacketAtOffset20(100, protocol: 1).AsSpan(20, 100).ToArray();
        icmpError[20] = 3; // destination unreachable
        var echo = InnerPacketAtOffset20(100, protocol: 1).AsSpan(20, 100).ToArray();
        echo[20] = 8; // echo request
        var laterFragment = InnerPacketAtOffset20(100).AsSpan(20, 100).ToArray();
        laterFragment[7] = 10;
        var destination = new byte[1000];

        Assert.Equal(0, IpipEncapsulation.WriteFragmentationNeeded(icmpError, 1480, destination));
        Assert.Equal(0, IpipEncapsulation.WriteFragmentationNeeded(laterFragment, 1480, destination));
        Assert.Equal(28 + 100, IpipEncapsulation.WriteFragmentationNeeded(echo, 1480, destination));
    }

    [Fact]
    public void Oversize_packets_without_df_fragment_into_pieces_that_reassemble()
    {
        // Given a 1520-byte IP-in-IP packet (1500 inside, DF clear) and a 1500-byte path
        var buffer = InnerPacketAtOffset20(1500, dontFragment: false);
        var length = IpipEncapsulation.Encapsulate(buffer, 1500, NodeA, NodeB, 4242);
        var packet = buffer.AsSpan(0, length).ToArray();

        // When it is cut into fragments
        var fragments = new List<byte[]>();
        var offset = 0;
        while (offset < length - 20)
        {
            var piece = new byte[1500];
            var n = IpipEncapsulation.WriteFragment(packet, 1500, offset, piece, out offset);
            Assert.NotEqual(0, n);
            fragments.Add(piece[..n]);
        }

        // Then two valid fragments of the same packet, the first 1500 bytes with MF, the second at offset 1480
        Assert.Equal(2, fragments.Count);
        Assert.Equal(1500, fragments[0].Length);
        Assert.Equal(0x2000, BinaryPrimitives.ReadUInt16BigEndian(fragments[0].AsSpan(6)));
        Assert.Equal(1480 / 8, BinaryPrimitives.ReadUInt16BigEndian(fragments[1].AsSpan(6)));
        Assert.All(fragments, f =>
        {
            Assert.Equal(0, Ipv4Checksum.Compute(f.AsSpan(0, 20)));
            Assert.Equal(4242, BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(4)));
            Assert.Equal(f.Length, BinaryPrimitives.ReadUInt16BigEndian(f.AsSpan(2)));
        });
        Assert.Equal(packet[20..], fragments[0][20..].Concat(fragments[1][20..]).ToArray());
    }

    [Fact]
    public void Encapsulating_and_decapsulating_allocates_nothing()
    {
        // The per-packet step is micro-benchmarked later; allocation there would be GC work per packet.
        var buffer = InnerPacketAtOffset20(1400);
        IpipEncapsulation.Encapsulate(buffer, 1400, NodeA, NodeB, 1);
        IpipEncapsulation.Decapsulate(buffer.AsSpan(0, 1420), NodeA, NodeB, out _, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            IpipEncapsulation.Encapsulate(buffer, 1400, NodeA, NodeB, (ushort)i);
            IpipEncapsulation.Decapsulate(buffer.AsSpan(0, 1420), NodeA, NodeB, out _, out _);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
