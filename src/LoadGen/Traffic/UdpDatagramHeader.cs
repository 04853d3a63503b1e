using System.Buffers.Binary;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>The first 24 bytes of every udp-stream datagram, little-endian: magic, stream, sequence number and the
/// sender's monotonic clock in nanoseconds. Only differences of send times are used (jitter), so the two hosts'
/// clocks need not agree.</summary>
public readonly record struct UdpDatagramHeader(uint Stream, ulong Sequence, long SendTimestampNs)
{
    public const int Size = 24;

    /// <summary>65535 − 8 (UDP) − 20 (IPv4).</summary>
    public const int MaxDatagramBytes = 65507;

    /// <summary>"PSU1": lets the receiver ignore stray datagrams that reach its port.</summary>
    public const uint Magic = 0x31555350;

    public void Write(Span<byte> datagram)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(datagram, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(datagram[4..], Stream);
        BinaryPrimitives.WriteUInt64LittleEndian(datagram[8..], Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(datagram[16..], SendTimestampNs);
    }

    public static bool TryRead(ReadOnlySpan<byte> datagram, out UdpDatagramHeader header)
    {
        if (datagram.Length < Size || BinaryPrimitives.ReadUInt32LittleEndian(datagram) != Magic)
        {
            header = default;
            return false;
        }
        header = new UdpDatagramHeader(
            BinaryPrimitives.ReadUInt32LittleEndian(datagram[4..]),
            BinaryPrimitives.ReadUInt64LittleEndian(datagram[8..]),
            BinaryPrimitives.ReadInt64LittleEndian(datagram[16..]));
        return true;
    }
}
