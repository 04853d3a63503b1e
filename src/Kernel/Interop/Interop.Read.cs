using PerfSuite.Kernel.Sockets;
using Tmds.Linux;


namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>read(2) of one packet from a non-blocking TUN queue into <paramref name="buffer"/>; EINTR is retried.</summary>
    internal static unsafe IoStatus ReadPacket(FileDescriptorHandle fd, Span<byte> buffer, out int length, string what)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = (long)LibC.read(fd.Fd, p, (size_t)(ulong)buffer.Length);
                if (n > 0)
                {
                    length = (int)n;
                    return IoStatus.Ok;
                }
                length = 0;
                if (n == 0)
                    return IoStatus.Closed;
                var errno = LastErrno;
                if (errno != LinuxErrno.EINTR)
                    return ClassifyPacketErrno(errno, what);
            }
        }
    }
}
