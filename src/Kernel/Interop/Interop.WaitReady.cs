using Tmds.Linux;


namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>poll(2) until <paramref name="fd"/> is readable or writable (as <paramref name="forWrite"/> says) or
    /// <paramref name="wake"/> (an eventfd) is readable. Returns false when woken for shutdown.</summary>
    internal static unsafe bool WaitReady(FileDescriptorHandle fd, bool forWrite, FileDescriptorHandle wake, string what)
    {
        var fds = stackalloc pollfd[2];
        fds[0].fd = fd.Fd;
        fds[0].events = forWrite ? LibC.POLLOUT : LibC.POLLIN;
        fds[1].fd = wake.Fd;
        fds[1].events = LibC.POLLIN;
        while (true)
        {
            fds[0].revents = 0;
            fds[1].revents = 0;
            if (LibC.poll(fds, 2, -1) >= 0)
                return fds[1].revents == 0;
            var errno = LastErrno;
            if (errno != LinuxErrno.EINTR)
                throw SystemCallFailure(errno, what);
        }
    }

    /// <summary>poll(2) until any of <paramref name="fds"/> is readable or <paramref name="wake"/> (an eventfd) is.
    /// Returns false when woken for shutdown.</summary>
    internal static unsafe bool WaitAnyReadable(ReadOnlySpan<FileDescriptorHandle> fds, FileDescriptorHandle wake, string what)
    {
        var count = fds.Length + 1;
        var entries = stackalloc pollfd[count];
        for (var i = 0; i < fds.Length; i++)
        {
            entries[i].fd = fds[i].Fd;
            entries[i].events = LibC.POLLIN;
        }
        entries[fds.Length].fd = wake.Fd;
        entries[fds.Length].events = LibC.POLLIN;
        while (true)
        {
            for (var i = 0; i < count; i++)
                entries[i].revents = 0;
            if (LibC.poll(entries, (ulong_t)(ulong)count, -1) >= 0)
                return entries[fds.Length].revents == 0;
            var errno = LastErrno;
            if (errno != LinuxErrno.EINTR)
                throw SystemCallFailure(errno, what);
        }
    }
}
