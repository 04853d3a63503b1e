using PerfSuite.Kernel.Sockets;
using Tmds.Linux;


namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>write(2) of one packet to a non-blocking TUN queue; EINTR is retried.</summary>
    internal static unsafe IoStatus WritePacket(FileDescriptorHandle fd, ReadOnlySpan<byte> packet, string what)
    {
        fixed (byte* p = packet)
        {
            while (true)
            {
                if ((long)LibC.write(fd.Fd, p, (size_t)(ulong)packet.Length) >= 0)
                    return IoStatus.Ok;
                var errno = LastErrno;
                if (errno != LinuxErrno.EINTR)
                    return ClassifyPacketErrno(errno, what);
            }
        }
    }
}
