using System.Buffers.Binary;

namespace PerfSuite.Lab.Tests.Support;

/// <summary>Reads the frames of a classic libpcap file as tcpdump -w writes it (magic a1b2c3d4, either byte order,
/// microsecond or nanosecond variant).</summary>
internal static class PcapFile
{
    public const uint LinkTypeEthernet = 1;

    public static (uint LinkType, IReadOnlyList<byte[]> Frames) Read(string path)
    {
        var data = File.ReadAllBytes(path);
        if (data.Length < 24)
            return (0, []);
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(data);
        var little = magic is 0xa1b2c3d4 or 0xa1b23c4d;
        if (!little && BinaryPrimitives.ReadUInt32BigEndian(data) is not (0xa1b2c3d4 or 0xa1b23c4d))
            throw new InvalidDataException($"{path} is not a pcap file");
        uint U32(int offset) => little ? BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset)) : BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(offset));
        var linkType = U32(20);
        var frames = new List<byte[]>();
        var position = 24;
        while (position + 16 <= data.Length)
        {
            var captured = (int)U32(position + 8);
            position += 16;
            if (position + captured > data.Length)
                break; // the last record was cut short when tcpdump stopped
            frames.Add(data.AsSpan(position, captured).ToArray());
            position += captured;
        }
        return (linkType, frames);
    }
}
