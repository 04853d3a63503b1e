using System.Buffers.Binary;
using System.Net;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Verification;

/// <summary>
/// Reads one Ethernet frame captured on the underlay and says whether it is a probe of this path and how it was
/// carried: bare, VXLAN (RFC 7348: UDP, 8-byte VXLAN header, inner Ethernet), Geneve (RFC 8926: UDP, 8-byte header
/// with protocol type 0x6558 and its options, inner Ethernet), IP-in-IP (RFC 2003: protocol 4), or UDP to a given
/// port between the nodes. Pure: tested on crafted frames.
/// </summary>
public sealed class UnderlayFrameClassifier(IPAddress innerSource, IPAddress innerDestination, IPAddress outerSource,
    IPAddress outerDestination, int? udpPort)
{
    private const ushort EtherTypeIpv4 = 0x0800;
    private const ushort EtherTypeVlan = 0x8100;
    private const byte ProtocolIpInIp = 4;
    private const byte ProtocolUdp = 17;
    private const int EthernetHeader = 14;
    private const int UdpHeader = 8;
    private const int VxlanHeader = 8;
    private const int GeneveHeader = 8;
    /// <summary>Transparent Ethernet Bridging: the Geneve protocol type of an inner Ethernet frame (RFC 8926 §3.4).</summary>
    private const ushort GeneveProtocolEthernet = 0x6558;

    public static UnderlayFrameClassifier For(LabEndpoint client, LabEndpoint server, LabNode clientNode, LabNode serverNode, WireSignature signature) =>
        new(client.Address, server.Address, clientNode.UnderlayAddress, serverNode.UnderlayAddress, signature.UdpPort);

    public WireObservation Classify(ReadOnlySpan<byte> frame)
    {
        if (!TryIpv4(frame, out var packet))
            return Unrelated("not IPv4");
        var header = Ipv4(packet, out var protocol, out var source, out var destination, out var payload);
        if (header == 0)
            return Unrelated("truncated IPv4");
        if (IsProbe(packet))
            return new WireObservation(WireObservationKind.BareProbe, $"UDP {source} → {destination} (bare probe)");
        var betweenNodes = source.Equals(outerSource) && destination.Equals(outerDestination);
        if (!betweenNodes)
            return Unrelated($"{source} → {destination} protocol {protocol}");
        if (protocol == ProtocolIpInIp && IsProbe(payload))
        {
            Ipv4(payload, out _, out var innerSrc, out var innerDst, out _);
            return new WireObservation(WireObservationKind.IpInIpProbe, $"IP protocol 4 {source} → {destination} carrying {innerSrc} → {innerDst}");
        }
        if (protocol == ProtocolUdp && payload.Length >= UdpHeader)
        {
            var port = BinaryPrimitives.ReadUInt16BigEndian(payload[2..]);
            if (udpPort is { } expected && port == expected)
            {
                var vxlan = payload[UdpHeader..];
                // VXLAN: flags byte with the I bit (0x08), then the inner Ethernet frame after 8 bytes.
                if (vxlan.Length >= VxlanHeader + EthernetHeader && (vxlan[0] & 0x08) != 0 &&
                    TryIpv4(vxlan[VxlanHeader..], out var inner) && IsProbe(inner))
                {
                    var vni = (BinaryPrimitives.ReadUInt32BigEndian(vxlan[4..]) >> 8);
                    Ipv4(inner, out _, out var innerSrc, out var innerDst, out _);
                    return new WireObservation(WireObservationKind.VxlanProbe,
                        $"UDP {source} → {destination}:{port} VXLAN VNI {vni} carrying {innerSrc} → {innerDst}");
                }
                if (TryGeneve(payload[UdpHeader..], out var geneveVni, out var geneveInner) && IsProbe(geneveInner))
                {
                    Ipv4(geneveInner, out _, out var innerSrc, out var innerDst, out _);
                    return new WireObservation(WireObservationKind.GeneveProbe,
                        $"UDP {source} → {destination}:{port} Geneve VNI {geneveVni} carrying {innerSrc} → {innerDst}");
                }
                return new WireObservation(WireObservationKind.UdpToPort, $"UDP {source} → {destination}:{port}");
            }
        }
        return Unrelated($"{source} → {destination} protocol {protocol}");
    }

    /// <summary>Whether <paramref name="packet"/> is an IPv4 UDP probe between the inner addresses.</summary>
    private bool IsProbe(ReadOnlySpan<byte> packet)
    {
        if (Ipv4(packet, out var protocol, out var source, out var destination, out var payload) == 0)
            return false;
        return protocol == ProtocolUdp && source.Equals(innerSource) && destination.Equals(innerDestination) &&
            payload.Length >= UdpHeader + UdpProbeClient.Marker.Length && payload[UdpHeader..].StartsWith(UdpProbeClient.Marker);
    }

    /// <summary>A Geneve header (RFC 8926 §3.4): version 0, options length in 4-byte words, protocol type 0x6558,
    /// the 24-bit VNI; then, after the options, the inner Ethernet frame and its IPv4 packet. A VXLAN header never
    /// passes: its protocol-type bytes are reserved zeros.</summary>
    private static bool TryGeneve(ReadOnlySpan<byte> geneve, out uint vni, out ReadOnlySpan<byte> inner)
    {
        vni = 0;
        inner = default;
        if (geneve.Length < GeneveHeader || geneve[0] >> 6 != 0
            || BinaryPrimitives.ReadUInt16BigEndian(geneve[2..]) != GeneveProtocolEthernet)
            return false;
        var headerLength = GeneveHeader + (geneve[0] & 0x3f) * 4;
        if (geneve.Length < headerLength + EthernetHeader)
            return false;
        vni = BinaryPrimitives.ReadUInt32BigEndian(geneve[4..]) >> 8;
        return TryIpv4(geneve[headerLength..], out inner);
    }

    private static bool TryIpv4(ReadOnlySpan<byte> frame, out ReadOnlySpan<byte> packet)
    {
        packet = default;
        if (frame.Length < EthernetHeader)
            return false;
        var offset = 12;
        var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        if (etherType == EtherTypeVlan && frame.Length >= EthernetHeader + 4)
        {
            offset += 4;
            etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        }
        if (etherType != EtherTypeIpv4)
            return false;
        packet = frame[(offset + 2)..];
        return true;
    }

    /// <summary>Parses an IPv4 header; returns its length, or 0 when the packet is not a whole IPv4 header.</summary>
    private static int Ipv4(ReadOnlySpan<byte> packet, out byte protocol, out IPAddress source, out IPAddress destination,
        out ReadOnlySpan<byte> payload)
    {
        protocol = 0;
        source = destination = IPAddress.None;
        payload = default;
        if (packet.Length < 20 || packet[0] >> 4 != 4)
            return 0;
        var headerLength = (packet[0] & 0x0f) * 4;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (headerLength < 20 || packet.Length < headerLength)
            return 0;
        protocol = packet[9];
        source = new IPAddress(packet[12..16]);
        destination = new IPAddress(packet[16..20]);
        // A capture may cut the frame short, and GSO frames can claim a total length of 0: take what is there.
        var end = totalLength >= headerLength && totalLength <= packet.Length ? totalLength : packet.Length;
        payload = packet[headerLength..end];
        return headerLength;
    }

    private static WireObservation Unrelated(string summary) => new(WireObservationKind.Unrelated, summary);
}
