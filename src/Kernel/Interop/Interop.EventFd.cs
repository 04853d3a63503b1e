using Tmds.Linux;


namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>An eventfd that the packet loops poll beside their descriptor, so a stop wakes them at once.</summary>
    internal static FileDescriptorHandle CreateEventFd()
    {
        var fd = LibC.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
        if (fd < 0)
            throw SystemCallFailure(LastErrno, "creating an eventfd");
        return FileDescriptorHandle.Own(fd);
    }

    /// <summary>Makes the eventfd readable for good (the counter is never read back).</summary>
    internal static unsafe void SignalEventFd(FileDescriptorHandle fd)
    {
        ulong one = 1;
        _ = LibC.write(fd.Fd, &one, sizeof(ulong));
    }
}
