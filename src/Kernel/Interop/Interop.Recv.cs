using Tmds.Linux;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>recv(2) of one frame into <paramref name="buffer"/>; returns its length (cut to the buffer).</summary>
    internal static unsafe int Receive(FileDescriptorHandle socket, Span<byte> buffer, string what)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var received = (long)LibC.recv(socket.Fd, p, (size_t)(ulong)buffer.Length, LibC.MSG_DONTWAIT);
                if (received >= 0)
                    return (int)received;
                var errno = LibC.errno;
                if (errno == LinuxErrno.EAGAIN)
                    return 0;
                if (errno != LinuxErrno.EINTR)
                    throw ErrnoException.FromErrno(errno, what);
            }
        }
    }
}
