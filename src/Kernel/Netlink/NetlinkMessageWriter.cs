using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace PerfSuite.Kernel.Netlink;

/// <summary>
/// Builds one netlink message: the nlmsghdr (filled in by <see cref="Complete"/>), a family header
/// (ifinfomsg, rtmsg, genlmsghdr …) and attributes, nested as deep as needed, each padded to 4 bytes.
/// Integers are host order as netlink wants, except where a helper says network order.
/// </summary>
public sealed class NetlinkMessageWriter
{
    /// <summary>sizeof(struct nlmsghdr).</summary>
    public static readonly int HeaderSize = Marshal.SizeOf<Interop.nlmsghdr>();
    /// <summary>sizeof(struct nlattr).</summary>
    public static readonly int AttributeHeaderSize = Marshal.SizeOf<Interop.nlattr>();
    /// <summary>NLA_F_NESTED: set on nests for kernels that validate strictly; harmless elsewhere.</summary>
    public const ushort NestedFlag = 0x8000;

    private byte[] _buffer = new byte[256];
    private int _length = HeaderSize;

    public NetlinkMessageWriter(ushort type, ushort flags = 0)
    {
        Type = type;
        Flags = flags;
    }

    public ushort Type { get; }

    public ushort Flags { get; }

    public int Length => _length;

    public static int Align(int length) => (length + 3) & ~3;

    /// <summary>Appends a fixed family header struct, e.g. ifinfomsg.</summary>
    public NetlinkMessageWriter Header<T>(in T value) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in value));
        Append(bytes);
        Pad();
        return this;
    }

    public NetlinkMessageWriter Bytes(ushort type, ReadOnlySpan<byte> value)
    {
        var start = BeginAttribute(type);
        Append(value);
        EndAttribute(start);
        return this;
    }

    public NetlinkMessageWriter Flag(ushort type) => Bytes(type, []);

    public NetlinkMessageWriter U8(ushort type, byte value) => Bytes(type, [value]);

    public NetlinkMessageWriter U16(ushort type, ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        return Bytes(type, b);
    }

    /// <summary>A 16-bit value in network byte order (UDP ports in VXLAN attributes).</summary>
    public NetlinkMessageWriter U16BigEndian(ushort type, ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(b, value);
        return Bytes(type, b);
    }

    public NetlinkMessageWriter U32(ushort type, uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        return Bytes(type, b);
    }

    public NetlinkMessageWriter S32(ushort type, int value) => U32(type, unchecked((uint)value));

    public NetlinkMessageWriter U64(ushort type, ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        return Bytes(type, b);
    }

    /// <summary>A NUL-terminated string (NLA_NUL_STRING / NLA_STRING both accept it).</summary>
    public NetlinkMessageWriter String(ushort type, string value)
    {
        var start = BeginAttribute(type);
        var count = Encoding.UTF8.GetByteCount(value);
        EnsureCapacity(count + 1);
        Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_length));
        _length += count;
        _buffer[_length++] = 0;
        EndAttribute(start);
        return this;
    }

    /// <summary>An IPv4 or IPv6 address in network order (4 or 16 bytes).</summary>
    public NetlinkMessageWriter Address(ushort type, IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out var written);
        return Bytes(type, b[..written]);
    }

    /// <summary>Opens a nested attribute; close it with <see cref="EndNest"/> and the returned token.</summary>
    public int BeginNest(ushort type, bool markNested = true) =>
        BeginAttribute((ushort)(markNested ? type | NestedFlag : type));

    public NetlinkMessageWriter EndNest(int token)
    {
        EndAttribute(token);
        return this;
    }

    /// <summary>Fills in the header and returns the finished message; the writer can be completed again.</summary>
    public ReadOnlySpan<byte> Complete(uint sequence, ushort requestFlags, uint portId = 0)
    {
        var header = new Interop.nlmsghdr
        {
            nlmsg_len = (uint)_length,
            nlmsg_type = Type,
            nlmsg_flags = (ushort)(Flags | requestFlags),
            nlmsg_seq = sequence,
            nlmsg_pid = portId,
        };
        MemoryMarshal.Write(_buffer.AsSpan(0, HeaderSize), in header);
        return _buffer.AsSpan(0, _length);
    }

    private int BeginAttribute(ushort type)
    {
        var start = _length;
        EnsureCapacity(AttributeHeaderSize);
        var header = new Interop.nlattr { nla_type = type };
        MemoryMarshal.Write(_buffer.AsSpan(_length, AttributeHeaderSize), in header);
        _length += AttributeHeaderSize;
        return start;
    }

    private void EndAttribute(int start)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.AsSpan(start), checked((ushort)(_length - start))); // nlattr.nla_len
        Pad();
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        EnsureCapacity(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Pad()
    {
        var aligned = Align(_length);
        EnsureCapacity(aligned - _length);
        _buffer.AsSpan(_length, aligned - _length).Clear();
        _length = aligned;
    }

    private void EnsureCapacity(int extra)
    {
        if (_length + extra <= _buffer.Length)
            return;
        Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
    }
}
