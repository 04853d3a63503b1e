using Tmds.Linux;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>Moves the calling THREAD into the network namespace at <paramref name="path"/> (setns(2) with
    /// CLONE_NEWNET affects only the calling thread; the rest of the process stays where it was).</summary>
    internal static unsafe void EnterNetworkNamespace(string path, string name)
    {
        var fd = OpenPath(path, LibC.O_RDONLY | LibC.O_CLOEXEC, 0, $"opening network namespace '{name}'");
        try
        {
            if (LibC.setns(fd, LibC.CLONE_NEWNET) != 0)
                throw SystemCallFailure(LastErrno, $"entering network namespace '{name}'", "CAP_SYS_ADMIN");
        }
        finally
        {
            _ = LibC.close(fd);
        }
    }

    /// <summary>Gives the calling thread a new, empty network namespace (unshare(2) CLONE_NEWNET).</summary>
    internal static void UnshareNetworkNamespace(string name)
    {
        if (LibC.unshare(LibC.CLONE_NEWNET) != 0)
            throw SystemCallFailure(LastErrno, $"creating network namespace '{name}'", "CAP_SYS_ADMIN");
    }

    internal static unsafe int OpenPath(string path, int flags, uint mode, string what)
    {
        var bytes = NulTerminated(path);
        fixed (byte* p = bytes)
        {
            var fd = LibC.open(p, flags, (mode_t)mode);
            if (fd < 0)
                throw SystemCallFailure(LastErrno, what);
            return fd;
        }
    }

    /// <summary>Creates <paramref name="path"/> as a new empty file (O_CREAT | O_EXCL: EEXIST when it is there).</summary>
    internal static void CreateEmptyFile(string path, string what) =>
        _ = LibC.close(OpenPath(path, LibC.O_RDONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_CLOEXEC, 0, what));

    internal static byte[] NulTerminated(string s)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(s) + 1];
        System.Text.Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }
}
