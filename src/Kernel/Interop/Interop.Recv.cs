using Tmds.Linux;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>recv(2) of one frame into <paramref name="buffer"/> without waiting; returns its length (cut to the
    /// buffer), 0 when nothing is queued.</summary>
    internal static int Receive(FileDescriptorHandle socket, Span<byte> buffer, string what) =>
        Receive(socket, buffer, LibC.MSG_DONTWAIT, what);

    /// <summary>recv(2) of one datagram into <paramref name="buffer"/>, waiting for it (netlink replies).</summary>
    internal static int ReceiveWaiting(FileDescriptorHandle socket, Span<byte> buffer, string what) =>
        Receive(socket, buffer, 0, what);

    private static unsafe int Receive(FileDescriptorHandle socket, Span<byte> buffer, int flags, string what)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var received = (long)LibC.recv(socket.Fd, p, (size_t)(ulong)buffer.Length, flags);
                if (received >= 0)
                    return (int)received;
                var errno = LastErrno;
                if (errno == LinuxErrno.EAGAIN)
                    return 0;
                if (errno != LinuxErrno.EINTR)
                    throw SystemCallFailure(errno, what);
            }
        }
    }
}
