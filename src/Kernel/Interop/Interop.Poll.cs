using Tmds.Linux;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>poll(2) for readability of one socket; false when <paramref name="timeoutMs"/> passed first.</summary>
    internal static unsafe bool WaitReadable(FileDescriptorHandle socket, int timeoutMs, string what)
    {
        var entry = new pollfd { fd = socket.Fd, events = (short)LibC.POLLIN };
        while (true)
        {
            var ready = LibC.poll(&entry, 1, timeoutMs);
            if (ready >= 0)
                return ready > 0;
            var errno = LibC.errno;
            if (errno != LinuxErrno.EINTR)
                throw SystemCallFailure(errno, what);
        }
    }
}
