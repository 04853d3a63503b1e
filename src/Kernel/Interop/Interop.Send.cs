using PerfSuite.Kernel.Sockets;
using Tmds.Linux;


namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>send(2) of one datagram on a connected, non-blocking socket; EINTR is retried.</summary>
    internal static unsafe IoStatus SendPacket(FileDescriptorHandle fd, ReadOnlySpan<byte> packet, string what)
    {
        fixed (byte* p = packet)
        {
            while (true)
            {
                if ((long)LibC.send(fd.Fd, p, (size_t)(ulong)packet.Length, 0) >= 0)
                    return IoStatus.Ok;
                var errno = LastErrno;
                if (errno != LinuxErrno.EINTR)
                    return ClassifyPacketErrno(errno, what);
            }
        }
    }
}
