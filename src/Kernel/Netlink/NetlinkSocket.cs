using System.Buffers.Binary;
using PerfSuite.Kernel;
using PerfSuite.Model.Errors;
using Tmds.Linux;

namespace PerfSuite.Kernel.Netlink;

/// <summary>Receives one netlink message of a dump or reply: its type and the payload after the header.</summary>
public delegate void NetlinkMessageHandler(ushort type, ushort flags, ReadOnlySpan<byte> payload);

/// <summary>
/// A netlink socket bound to the kernel in the network namespace it was created in. Requests are sent with
/// NLM_F_ACK and waited for; errors become <see cref="ErrnoException"/> naming the request and carrying the
/// kernel's extended-ACK text when it gives one. Not thread-safe: one socket per thread or per owner.
/// </summary>
public sealed class NetlinkSocket : IDisposable
{
    private const int ReceiveBufferSize = 256 * 1024;
    private readonly FileDescriptorHandle _fd;
    private readonly byte[] _receive = new byte[ReceiveBufferSize];
    private uint _sequence;
    private readonly uint _portId;

    public NetlinkSocket(int protocol = Interop.NETLINK_ROUTE)
    {
        Protocol = protocol;
        var fd = LibC.socket(Interop.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
        if (fd < 0)
            throw Interop.SystemCallFailure(Interop.LastErrno, "opening a netlink socket");
        _fd = FileDescriptorHandle.Own(fd);
        _sequence = (uint)Environment.TickCount;
        unsafe
        {
            int one = 1;
            // Both are optional niceties (shorter error replies, readable reasons); old kernels lack them.
            _ = LibC.setsockopt(fd, Interop.SOL_NETLINK, Interop.NETLINK_CAP_ACK, &one, sizeof(int));
            _ = LibC.setsockopt(fd, Interop.SOL_NETLINK, Interop.NETLINK_EXT_ACK, &one, sizeof(int));
            var address = new Interop.sockaddr_nl { nl_family = Interop.AF_NETLINK };
            if (LibC.bind(fd, (sockaddr*)&address, (uint)sizeof(Interop.sockaddr_nl)) != 0)
                throw Interop.SystemCallFailure(Interop.LastErrno, "binding a netlink socket");
            socklen_t length = (uint)sizeof(Interop.sockaddr_nl);
            if (LibC.getsockname(fd, (sockaddr*)&address, &length) == 0)
                _portId = address.nl_pid;
        }
    }

    public int Protocol { get; }

    /// <summary>Sends <paramref name="message"/> and waits for the kernel's ACK.</summary>
    /// <param name="what">What the request does, for error messages ("adding veth 'ps-a-n1' in 'ps-a-n1'").</param>
    /// <param name="onReply">Called for each reply message before the ACK (e.g. NLM_F_ECHO, generic netlink gets).</param>
    public void Request(NetlinkMessageWriter message, string what, NetlinkMessageHandler? onReply = null)
    {
        var seq = Send(message, NetlinkFlags.Request | NetlinkFlags.Ack, what);
        Receive(seq, what, onReply, untilDone: false);
    }

    /// <summary>Sends a dump request and passes every message of the answer to <paramref name="onMessage"/>.</summary>
    public void Dump(NetlinkMessageWriter message, string what, NetlinkMessageHandler onMessage)
    {
        var seq = Send(message, NetlinkFlags.Request | NetlinkFlags.Dump, what);
        Receive(seq, what, onMessage, untilDone: true);
    }

    private uint Send(NetlinkMessageWriter message, ushort flags, string what)
    {
        var seq = unchecked(++_sequence);
        var bytes = message.Complete(seq, flags);
        unsafe
        {
            fixed (byte* p = bytes)
            {
                while (true)
                {
                    var sent = (long)LibC.send(_fd.Fd, p, (size_t)(ulong)bytes.Length, 0);
                    if (sent >= 0)
                        break;
                    var errno = Interop.LastErrno;
                    if (errno != LinuxErrno.EINTR)
                        throw Interop.SystemCallFailure(errno, what);
                }
            }
        }
        return seq;
    }

    private void Receive(uint seq, string what, NetlinkMessageHandler? handler, bool untilDone)
    {
        while (true)
        {
            int received;
            unsafe
            {
                fixed (byte* p = _receive)
                {
                    received = (int)(long)LibC.recv(_fd.Fd, p, (size_t)(ulong)_receive.Length, 0);
                }
            }
            if (received < 0)
            {
                var errno = Interop.LastErrno;
                if (errno == LinuxErrno.EINTR)
                    continue;
                throw Interop.SystemCallFailure(errno, what);
            }
            var span = _receive.AsSpan(0, received);
            while (span.Length >= NetlinkMessageWriter.HeaderSize)
            {
                var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(span);
                if (length < NetlinkMessageWriter.HeaderSize || length > span.Length)
                    throw new PerfSuiteException(ErrorReason.Protocol, $"{what}: malformed netlink message of {length} bytes");
                var type = BinaryPrimitives.ReadUInt16LittleEndian(span[4..]);
                var flags = BinaryPrimitives.ReadUInt16LittleEndian(span[6..]);
                var messageSeq = BinaryPrimitives.ReadUInt32LittleEndian(span[8..]);
                var payload = span[NetlinkMessageWriter.HeaderSize..length];
                span = span[Math.Min(NetlinkMessageWriter.Align(length), span.Length)..];
                if (messageSeq != seq)
                    continue; // a late answer to an earlier request that was abandoned
                switch (type)
                {
                    case NetlinkMessageTypes.Done:
                        if (untilDone)
                        {
                            // A dump may end with an error code in NLMSG_DONE (e.g. a filtered dump).
                            if (payload.Length >= 4 && BinaryPrimitives.ReadInt32LittleEndian(payload) is var status && status < 0)
                                throw Interop.SystemCallFailure(-status, what);
                            return;
                        }
                        break;
                    case NetlinkMessageTypes.Error:
                        var error = BinaryPrimitives.ReadInt32LittleEndian(payload);
                        if (error == 0)
                        {
                            if (!untilDone)
                                return;
                            break;
                        }
                        var reason = ExtendedAckMessage(payload, flags);
                        var ex = Interop.SystemCallFailure(-error, reason is null ? what : $"{what} ({reason})");
                        throw ex;
                    case NetlinkMessageTypes.Noop:
                        break;
                    default:
                        handler?.Invoke(type, flags, payload);
                        break;
                }
            }
        }
    }

    /// <summary>NLMSGERR_ATTR_MSG from an extended ACK: the kernel's own words for what was wrong.</summary>
    private static string? ExtendedAckMessage(ReadOnlySpan<byte> errorPayload, ushort flags)
    {
        const ushort capped = 0x100, hasTlvs = 0x200; // NLM_F_CAPPED, NLM_F_ACK_TLVS
        if ((flags & hasTlvs) == 0)
            return null;
        // struct nlmsgerr { int error; struct nlmsghdr msg; } then, unless capped, the request payload.
        var offset = 4 + NetlinkMessageWriter.HeaderSize;
        if ((flags & capped) == 0 && errorPayload.Length >= offset)
        {
            var requestLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(errorPayload[4..]);
            offset = 4 + NetlinkMessageWriter.Align(requestLength);
        }
        if (offset > errorPayload.Length)
            return null;
        foreach (var attribute in new NetlinkAttributeReader(errorPayload[offset..]))
        {
            if (attribute.Type == 1) // NLMSGERR_ATTR_MSG
                return attribute.GetString();
        }
        return null;
    }

    public void Dispose() => _fd.Dispose();
}
