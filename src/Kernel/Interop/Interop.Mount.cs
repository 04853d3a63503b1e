using Tmds.Linux;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    internal const ulong MS_BIND = 4096;
    internal const ulong MS_REC = 16384;
    internal const ulong MS_SHARED = 1 << 20;

    /// <summary>mount(2); returns 0 or the errno so callers can branch on EINVAL as iproute2 does.</summary>
    internal static unsafe int Mount(string? source, string target, string? fsType, ulong flags)
    {
        var s = source is null ? null : NulTerminated(source);
        var t = NulTerminated(target);
        var f = fsType is null ? null : NulTerminated(fsType);
        fixed (byte* ps = s, pt = t, pf = f)
        {
            return LibC.mount(ps, pt, pf, (ulong_t)flags, null) == 0 ? 0 : LastErrno;
        }
    }

    /// <summary>umount2(2) with MNT_DETACH; returns 0 or the errno.</summary>
    internal static unsafe int UnmountDetach(string target)
    {
        var t = NulTerminated(target);
        fixed (byte* pt = t)
        {
            return LibC.umount2(pt, LibC.MNT_DETACH) == 0 ? 0 : LastErrno;
        }
    }

    /// <summary>unlink(2); returns 0 or the errno.</summary>
    internal static unsafe int Unlink(string path)
    {
        var p = NulTerminated(path);
        fixed (byte* pp = p)
        {
            return LibC.unlink(pp) == 0 ? 0 : LastErrno;
        }
    }
}
