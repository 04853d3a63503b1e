using PerfSuite.Kernel.Sockets;
using Tmds.Linux;


namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>recv(2) of one datagram from a non-blocking socket; EINTR is retried. A raw IPv4 socket returns the
    /// packet with its IP header, after the kernel reassembled any fragments.</summary>
    internal static unsafe IoStatus ReceivePacket(FileDescriptorHandle fd, Span<byte> buffer, out int length, string what)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = (long)LibC.recv(fd.Fd, p, (size_t)(ulong)buffer.Length, 0);
                if (n >= 0)
                {
                    length = (int)n;
                    return n == 0 ? IoStatus.Closed : IoStatus.Ok;
                }
                length = 0;
                var errno = LastErrno;
                if (errno != LinuxErrno.EINTR)
                    return ClassifyPacketErrno(errno, what);
            }
        }
    }
}
