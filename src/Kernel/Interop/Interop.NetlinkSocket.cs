using Tmds.Linux;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>socket(2) + bind(2) of a netlink socket of <paramref name="protocol"/> in the calling thread's
    /// network namespace; <paramref name="portId"/> is the port the kernel assigned (getsockname(2)), 0 if unknown.</summary>
    internal static unsafe FileDescriptorHandle OpenNetlinkSocket(int protocol, out uint portId)
    {
        var fd = LibC.socket(AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
        if (fd < 0)
            throw SystemCallFailure(LastErrno, "opening a netlink socket");
        var handle = FileDescriptorHandle.Own(fd);
        int one = 1;
        // Both are optional niceties (shorter error replies, readable reasons); old kernels lack them.
        _ = LibC.setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(int));
        _ = LibC.setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(int));
        var address = new sockaddr_nl { nl_family = AF_NETLINK };
        if (LibC.bind(fd, (sockaddr*)&address, (uint)sizeof(sockaddr_nl)) != 0)
        {
            var errno = LastErrno;
            handle.Dispose();
            throw SystemCallFailure(errno, "binding a netlink socket");
        }
        socklen_t length = (uint)sizeof(sockaddr_nl);
        portId = LibC.getsockname(fd, (sockaddr*)&address, &length) == 0 ? address.nl_pid : 0;
        return handle;
    }

    /// <summary>send(2) of one whole netlink message, blocking; EINTR is retried, any other errno thrown.</summary>
    internal static unsafe void SendMessage(FileDescriptorHandle socket, ReadOnlySpan<byte> message, string what)
    {
        fixed (byte* p = message)
        {
            while ((long)LibC.send(socket.Fd, p, (size_t)(ulong)message.Length, 0) < 0)
            {
                var errno = LastErrno;
                if (errno != LinuxErrno.EINTR)
                    throw SystemCallFailure(errno, what);
            }
        }
    }
}
