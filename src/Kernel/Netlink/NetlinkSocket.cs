using System.Buffers.Binary;
using System.Runtime.InteropServices;
using PerfSuite.Model.Errors;

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
        _fd = Interop.OpenNetlinkSocket(protocol, out _portId);
        _sequence = (uint)Environment.TickCount;
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
        Interop.SendMessage(_fd, message.Complete(seq, flags), what);
        return seq;
    }

    private void Receive(uint seq, string what, NetlinkMessageHandler? handler, bool untilDone)
    {
        while (true)
        {
            var received = Interop.ReceiveWaiting(_fd, _receive, what);
            var span = _receive.AsSpan(0, received);
            while (span.Length >= NetlinkMessageWriter.HeaderSize)
            {
                var header = MemoryMarshal.Read<Interop.nlmsghdr>(span);
                var length = (int)header.nlmsg_len;
                if (length < NetlinkMessageWriter.HeaderSize || length > span.Length)
                    throw new PerfSuiteException(ErrorReason.Protocol, $"{what}: malformed netlink message of {length} bytes");
                var type = header.nlmsg_type;
                var flags = header.nlmsg_flags;
                var messageSeq = header.nlmsg_seq;
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
