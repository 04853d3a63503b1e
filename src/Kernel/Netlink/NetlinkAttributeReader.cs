using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace PerfSuite.Kernel.Netlink;

/// <summary>Enumerates the attributes (struct nlattr, 4-byte aligned) in a span without allocating.</summary>
public ref struct NetlinkAttributeReader
{
    private ReadOnlySpan<byte> _remaining;

    public NetlinkAttributeReader(ReadOnlySpan<byte> attributes)
    {
        _remaining = attributes;
        Current = default;
    }

    public NetlinkAttribute Current { get; private set; }

    public readonly NetlinkAttributeReader GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_remaining.Length < NetlinkMessageWriter.AttributeHeaderSize)
            return false;
        var header = MemoryMarshal.Read<Interop.nlattr>(_remaining);
        var length = header.nla_len;
        var type = header.nla_type;
        if (length < NetlinkMessageWriter.AttributeHeaderSize || length > _remaining.Length)
            return false; // truncated: stop rather than read past the message
        Current = new NetlinkAttribute(type, _remaining[NetlinkMessageWriter.AttributeHeaderSize..length]);
        _remaining = _remaining[Math.Min(NetlinkMessageWriter.Align(length), _remaining.Length)..];
        return true;
    }
}

/// <summary>One attribute: its type (flags stripped) and payload.</summary>
public readonly ref struct NetlinkAttribute
{
    private const ushort TypeMask = 0x3fff; // strips NLA_F_NESTED and NLA_F_NET_BYTEORDER

    public NetlinkAttribute(ushort rawType, ReadOnlySpan<byte> payload)
    {
        RawType = rawType;
        Payload = payload;
    }

    public ushort RawType { get; }

    public ushort Type => (ushort)(RawType & TypeMask);

    public ReadOnlySpan<byte> Payload { get; }

    public byte GetU8() => Payload[0];

    public ushort GetU16() => BinaryPrimitives.ReadUInt16LittleEndian(Payload);

    public ushort GetU16BigEndian() => BinaryPrimitives.ReadUInt16BigEndian(Payload);

    public uint GetU32() => BinaryPrimitives.ReadUInt32LittleEndian(Payload);

    public int GetS32() => BinaryPrimitives.ReadInt32LittleEndian(Payload);

    public ulong GetU64() => BinaryPrimitives.ReadUInt64LittleEndian(Payload);

    public string GetString()
    {
        var end = Payload.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end >= 0 ? Payload[..end] : Payload);
    }

    public IPAddress GetAddress() => new(Payload);

    public NetlinkAttributeReader Nested() => new(Payload);
}
