using System.Buffers.Binary;

namespace PerfSuite.Lab.Tunnels.Ipip;

/// <summary>
/// IP in IP over IPv4 (RFC 2003) as pure functions over spans: no allocation, no I/O, so the per-packet work can be
/// benchmarked on its own. Addresses are the 32-bit values of the four address bytes read big-endian
/// (198.18.0.1 = 0xC6120001).
/// <para>Outer header choices: the Don't Fragment bit and the DSCP are copied from the inner header (RFC 2003
/// §3.1), ECN follows RFC 6040's normal mode (CE becomes ECT(0) outside; CE outside becomes CE inside), TTL is
/// <see cref="OuterTtl"/>, no options, so the overhead is exactly <see cref="OuterHeaderLength"/> bytes.</para>
/// </summary>
public static class IpipEncapsulation
{
    public const int OuterHeaderLength = 20;
    public const byte ProtocolNumber = 4;
    public const byte OuterTtl = 64;
    /// <summary>Largest ICMP error datagram a router should send (RFC 1812 §4.3.2.3).</summary>
    public const int MaxIcmpErrorLength = 576;
    /// <summary>Smallest MTU every IPv4 link must carry (RFC 791).</summary>
    public const int MinimumMtu = 68;

    private const ushort DontFragment = 0x4000;
    private const ushort MoreFragments = 0x2000;
    private const ushort OffsetMask = 0x1fff;
    private const byte EcnMask = 0x03;
    private const byte EcnCe = 0x03;
    private const byte EcnNotEct = 0x00;
    private const byte ProtocolIcmp = 1;
    private const int IcmpHeaderLength = 8;

    /// <summary>
    /// Writes the outer header in front of the inner packet that the caller already placed at
    /// <c>packet[OuterHeaderLength ..]</c> (a TUN read into the buffer at offset 20 makes this copy-free).
    /// Returns the length of the IP-in-IP packet, or 0 when the inner packet is not a well-formed IPv4 packet
    /// (IPv6 would need protocol 41, which this tunnel does not carry).
    /// </summary>
    public static int Encapsulate(Span<byte> packet, int innerLength, uint source, uint destination, ushort identification)
    {
        var outerLength = OuterHeaderLength + innerLength;
        if (innerLength < 20 || outerLength > packet.Length || outerLength > ushort.MaxValue)
            return 0;
        var inner = packet.Slice(OuterHeaderLength, innerLength);
        if (!IsWholeIpv4Packet(inner))
            return 0;
        var tos = inner[1];
        if ((tos & EcnMask) == EcnCe)
            tos &= 0xfe; // CE -> ECT(0): RFC 6040 §4.1, so a congestion mark is not counted twice downstream
        var flags = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(inner[6..]) & DontFragment);
        WriteHeader(packet, tos, (ushort)outerLength, identification, flags, OuterTtl, ProtocolNumber, source, destination);
        return outerLength;
    }

    /// <summary>
    /// Checks a packet read from the raw socket (outer header included) and locates the inner packet:
    /// only protocol 4 from <paramref name="expectedSource"/> to <paramref name="expectedDestination"/> is accepted.
    /// Applies RFC 6040 decapsulation to ECN, which may rewrite the inner header in place (and its checksum).
    /// The outer checksum is not checked again: the kernel verified it before any socket saw the packet.
    /// </summary>
    public static DecapsulationVerdict Decapsulate(Span<byte> packet, uint expectedSource, uint expectedDestination,
        out int innerOffset, out int innerLength)
    {
        innerOffset = 0;
        innerLength = 0;
        if (packet.Length < 20)
            return DecapsulationVerdict.Truncated;
        if (packet[0] >> 4 != 4)
            return DecapsulationVerdict.NotIpv4;
        var headerLength = (packet[0] & 0x0f) * 4;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (headerLength < 20 || totalLength < headerLength || totalLength > packet.Length)
            return DecapsulationVerdict.Truncated;
        if (packet[9] != ProtocolNumber)
            return DecapsulationVerdict.NotIpip;
        if (BinaryPrimitives.ReadUInt32BigEndian(packet[12..]) != expectedSource)
            return DecapsulationVerdict.WrongPeer;
        if (BinaryPrimitives.ReadUInt32BigEndian(packet[16..]) != expectedDestination)
            return DecapsulationVerdict.WrongDestination;
        if ((BinaryPrimitives.ReadUInt16BigEndian(packet[6..]) & (MoreFragments | OffsetMask)) != 0)
            return DecapsulationVerdict.Fragment;
        var inner = packet[headerLength..totalLength];
        if (!IsWholeIpv4Packet(inner))
            return DecapsulationVerdict.InnerMalformed;
        if ((packet[1] & EcnMask) == EcnCe && (inner[1] & EcnMask) != EcnCe)
        {
            if ((inner[1] & EcnMask) == EcnNotEct)
                return DecapsulationVerdict.CongestionOnNonEct;
            inner[1] |= EcnCe;
            var innerHeader = inner[..((inner[0] & 0x0f) * 4)];
            BinaryPrimitives.WriteUInt16BigEndian(innerHeader[10..], 0);
            BinaryPrimitives.WriteUInt16BigEndian(innerHeader[10..], Ipv4Checksum.Compute(innerHeader));
        }
        innerOffset = headerLength;
        innerLength = inner.Length;
        return DecapsulationVerdict.Accepted;
    }

    /// <summary>
    /// Writes the ICMP "fragmentation needed and DF set" (type 3, code 4, RFC 1191) that tells the inner packet's
    /// sender the tunnel's path MTU, addressed from the inner destination so the sender's kernel accepts it from the
    /// tunnel device (a local source address would be a martian). Returns its length, or 0 when no error may be sent
    /// about this packet (RFC 1122 §3.2.2: not about an ICMP error, a non-first fragment, or a multicast,
    /// broadcast or unspecified address).
    /// </summary>
    public static int WriteFragmentationNeeded(ReadOnlySpan<byte> inner, int nextHopMtu, Span<byte> destination)
    {
        if (inner.Length < 20 || inner[0] >> 4 != 4)
            return 0;
        var headerLength = (inner[0] & 0x0f) * 4;
        if (headerLength < 20 || inner.Length < headerLength)
            return 0;
        if ((BinaryPrimitives.ReadUInt16BigEndian(inner[6..]) & OffsetMask) != 0)
            return 0;
        if (inner[9] == ProtocolIcmp && (inner.Length <= headerLength || IsIcmpError(inner[headerLength])))
            return 0;
        var innerSource = BinaryPrimitives.ReadUInt32BigEndian(inner[12..]);
        var innerDestination = BinaryPrimitives.ReadUInt32BigEndian(inner[16..]);
        if (!IsUnicast(innerSource) || !IsUnicast(innerDestination))
            return 0;
        var quoted = Math.Min(inner.Length, MaxIcmpErrorLength - 20 - IcmpHeaderLength);
        var total = 20 + IcmpHeaderLength + quoted;
        if (destination.Length < total)
            return 0;
        // Precedence "internetwork control", as routers send ICMP errors.
        WriteHeader(destination, 0xc0, (ushort)total, 0, 0, OuterTtl, ProtocolIcmp, innerDestination, innerSource);
        var icmp = destination[20..total];
        icmp[0] = 3;
        icmp[1] = 4;
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[4..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[6..], (ushort)Math.Clamp(nextHopMtu, 0, ushort.MaxValue));
        inner[..quoted].CopyTo(icmp[IcmpHeaderLength..]);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], Ipv4Checksum.Compute(icmp));
        return total;
    }

    /// <summary>
    /// Writes one fragment (RFC 791 §3.2) of an IP-in-IP packet too large for <paramref name="mtu"/>, starting at
    /// <paramref name="payloadOffset"/> bytes into its payload, and returns its length; call again from
    /// <paramref name="nextPayloadOffset"/> until that reaches the payload length. Only for packets whose inner
    /// Don't Fragment bit is clear; the identification of the packet is kept, which must not be 0.
    /// </summary>
    public static int WriteFragment(ReadOnlySpan<byte> packet, int mtu, int payloadOffset, Span<byte> destination,
        out int nextPayloadOffset)
    {
        nextPayloadOffset = payloadOffset;
        if (packet.Length < OuterHeaderLength || mtu < MinimumMtu)
            return 0;
        var payload = packet[OuterHeaderLength..];
        var remaining = payload.Length - payloadOffset;
        if (remaining <= 0 || payloadOffset % 8 != 0)
            return 0;
        var last = remaining <= mtu - OuterHeaderLength;
        var data = last ? remaining : (mtu - OuterHeaderLength) & ~7;
        var length = OuterHeaderLength + data;
        if (destination.Length < length)
            return 0;
        var flags = (ushort)((last ? 0 : MoreFragments) | (payloadOffset / 8));
        WriteHeader(destination, packet[1], (ushort)length, BinaryPrimitives.ReadUInt16BigEndian(packet[4..]), flags,
            packet[8], packet[9], BinaryPrimitives.ReadUInt32BigEndian(packet[12..]), BinaryPrimitives.ReadUInt32BigEndian(packet[16..]));
        payload.Slice(payloadOffset, data).CopyTo(destination[OuterHeaderLength..]);
        nextPayloadOffset = payloadOffset + data;
        return length;
    }

    /// <summary>True when the inner header has its Don't Fragment bit set.</summary>
    public static bool HasDontFragment(ReadOnlySpan<byte> ipv4Packet) =>
        ipv4Packet.Length >= 8 && (BinaryPrimitives.ReadUInt16BigEndian(ipv4Packet[6..]) & DontFragment) != 0;

    /// <summary>The 32-bit value of four address bytes, as the functions here take addresses.</summary>
    public static uint AddressValue(System.Net.IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written) || written != 4)
            throw new ArgumentException($"{address} is not an IPv4 address", nameof(address));
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    private static bool IsWholeIpv4Packet(ReadOnlySpan<byte> packet) =>
        packet.Length >= 20 && packet[0] >> 4 == 4 && (packet[0] & 0x0f) >= 5 &&
        (packet[0] & 0x0f) * 4 <= packet.Length &&
        BinaryPrimitives.ReadUInt16BigEndian(packet[2..]) == packet.Length;

    private static bool IsIcmpError(byte type) => type is 3 or 4 or 5 or 11 or 12;

    private static bool IsUnicast(uint address) =>
        address != 0 && address != 0xffffffff && (address >> 28) != 0xe;

    private static void WriteHeader(Span<byte> header, byte tos, ushort totalLength, ushort identification,
        ushort flagsAndOffset, byte ttl, byte protocol, uint source, uint destination)
    {
        header[0] = 0x45;
        header[1] = tos;
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], totalLength);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], identification);
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], flagsAndOffset);
        header[8] = ttl;
        header[9] = protocol;
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(header[12..], source);
        BinaryPrimitives.WriteUInt32BigEndian(header[16..], destination);
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], Ipv4Checksum.Compute(header[..20]));
    }
}
