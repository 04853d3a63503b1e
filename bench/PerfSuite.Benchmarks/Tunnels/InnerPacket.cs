using System.Buffers.Binary;
using PerfSuite.Lab.Tunnels.Ipip;

namespace PerfSuite.Benchmarks.Tunnels;

/// <summary>An inner IPv4 packet as a pod sends it through the tunnel (TCP, DF set, TTL 64, 10.42.1.2 to
/// 10.42.2.2, valid header checksum), of a given total length.</summary>
public static class InnerPacket
{
    public const uint PodA = 0x0A2A0102;
    public const uint PodB = 0x0A2A0202;

    /// <summary>Writes the packet at the start of <paramref name="destination"/>; the payload is a fixed pattern.</summary>
    public static void Write(Span<byte> destination, int totalLength)
    {
        var packet = destination[..totalLength];
        for (var i = 20; i < packet.Length; i++)
            packet[i] = (byte)i;
        packet[0] = 0x45;
        packet[1] = 0;
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], (ushort)totalLength);
        BinaryPrimitives.WriteUInt16BigEndian(packet[4..], 0x1234);
        BinaryPrimitives.WriteUInt16BigEndian(packet[6..], 0x4000);
        packet[8] = 64;
        packet[9] = 6;
        BinaryPrimitives.WriteUInt16BigEndian(packet[10..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(packet[12..], PodA);
        BinaryPrimitives.WriteUInt32BigEndian(packet[16..], PodB);
        BinaryPrimitives.WriteUInt16BigEndian(packet[10..], Ipv4Checksum.Compute(packet[..20]));
    }
}
