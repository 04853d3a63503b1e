using System.Buffers.Binary;

namespace PerfSuite.Lab.Tunnels.Ipip;

/// <summary>The Internet checksum (RFC 1071): one's complement of the one's complement sum of 16-bit words.</summary>
public static class Ipv4Checksum
{
    /// <summary>Checksum of <paramref name="data"/> with its checksum field zeroed or included (a correct header then
    /// sums to 0).</summary>
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        ulong sum = 0;
        var i = 0;
        for (; i + 4 <= data.Length; i += 4)
            sum += BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
        for (; i + 2 <= data.Length; i += 2)
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if (i < data.Length)
            sum += (ulong)data[i] << 8;
        while ((sum >> 16) != 0)
            sum = (sum & 0xffff) + (sum >> 16);
        return (ushort)~sum;
    }
}
