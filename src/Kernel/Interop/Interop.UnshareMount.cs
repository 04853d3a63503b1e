using Tmds.Linux;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    internal const ulong MS_SLAVE = 1 << 19;

    /// <summary>Gives the calling thread a mount namespace of its own (unshare(2) CLONE_NEWNS, which also unshares
    /// the thread's fs_struct, so it works in a multi-threaded process where setns of a mount namespace would
    /// not), then makes every mount a slave so nothing mounted afterwards propagates back to the host.</summary>
    internal static void UnshareMountNamespace(string purpose)
    {
        if (LibC.unshare(LibC.CLONE_NEWNS) != 0)
            throw SystemCallFailure(LastErrno, $"creating a private mount namespace for {purpose}", "CAP_SYS_ADMIN");
        var errno = Mount(null, "/", null, MS_SLAVE | MS_REC);
        if (errno != 0)
            throw SystemCallFailure(errno, $"making mounts private for {purpose}", "CAP_SYS_ADMIN");
    }
}
