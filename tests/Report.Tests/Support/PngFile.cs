using System.Buffers.Binary;

namespace PerfSuite.Report.Tests.Support;

/// <summary>Reads what a PNG file declares about itself (PNG specification §5.2 signature, §11.2.2 IHDR).</summary>
internal static class PngFile
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Width and height from the IHDR chunk, which must come first; throws when the bytes are not a PNG.</summary>
    public static (int Width, int Height) Size(ReadOnlySpan<byte> png)
    {
        if (png.Length < 33 || !png[..8].SequenceEqual(Signature))
            throw new FormatException("not a PNG: the 8-byte signature is missing");
        if (BinaryPrimitives.ReadInt32BigEndian(png[8..]) != 13 || !png[12..16].SequenceEqual("IHDR"u8))
            throw new FormatException("not a PNG: the first chunk is not a 13-byte IHDR");
        return (BinaryPrimitives.ReadInt32BigEndian(png[16..]), BinaryPrimitives.ReadInt32BigEndian(png[20..]));
    }
}
