using System.Runtime.InteropServices;
using PerfSuite.Model.Errors;
using Tmds.Linux;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>The errno of the last libc call on this thread (Tmds.LibC reads it right after the call).</summary>
    internal static int LastErrno => LibC.errno;

    internal static string StrError(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    /// <summary>Turns an errno into the exception callers see, naming what was attempted. The only place where
    /// errno values become reasons; EPERM and EACCES name the capability that is missing. The errno stays on the
    /// exception for callers that branch on it (EBUSY on an interface name, EOPNOTSUPP on a link kind).</summary>
    internal static ErrnoException SystemCallFailure(int errno, string what, string capability = "CAP_NET_ADMIN")
    {
        var reason = errno switch
        {
            LinuxErrno.EPERM or LinuxErrno.EACCES => ErrorReason.PermissionDenied,
            LinuxErrno.ENOENT or LinuxErrno.ENODEV or LinuxErrno.ESRCH or LinuxErrno.ENXIO => ErrorReason.NotFound,
            LinuxErrno.EOPNOTSUPP or LinuxErrno.EAFNOSUPPORT or LinuxErrno.EPROTONOSUPPORT => ErrorReason.NotSupported,
            LinuxErrno.EINVAL or LinuxErrno.ERANGE or LinuxErrno.E2BIG => ErrorReason.InvalidArgument,
            LinuxErrno.EBUSY or LinuxErrno.EEXIST or LinuxErrno.EADDRINUSE => ErrorReason.Busy,
            LinuxErrno.ETIMEDOUT => ErrorReason.Timeout,
            _ => ErrorReason.Io,
        };
        var message = reason == ErrorReason.PermissionDenied
            ? $"{what}: {StrError(errno)} (needs {capability}; run as root)"
            : $"{what}: {StrError(errno)}";
        return new ErrnoException(reason, errno, message);
    }
}

/// <summary>A failed system call, with its errno kept for callers that branch on it (EOPNOTSUPP, EEXIST …).</summary>
public sealed class ErrnoException(ErrorReason reason, int errno, string message) : PerfSuiteException(reason, message)
{
    public int Errno { get; } = errno;
}

/// <summary>errno values used by name in this project (asm-generic/errno-base.h, errno.h; identical on x86_64 and
/// aarch64). Constants, unlike Tmds.LibC's readonly fields, so a switch can use them. The only errno table.</summary>
public static class LinuxErrno
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int ESRCH = 3;
    public const int EINTR = 4;
    public const int ENXIO = 6;
    public const int E2BIG = 7;
    public const int EBADF = 9;
    public const int EAGAIN = 11;
    public const int EACCES = 13;
    public const int EBUSY = 16;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int ENOTDIR = 20;
    public const int EINVAL = 22;
    public const int ERANGE = 34;
    public const int ENOSYS = 38;
    public const int ELOOP = 40;
    public const int EMSGSIZE = 90;
    public const int EPROTONOSUPPORT = 93;
    public const int EOPNOTSUPP = 95;
    public const int EAFNOSUPPORT = 97;
    public const int EADDRINUSE = 98;
    public const int EADDRNOTAVAIL = 99;
    public const int ENETUNREACH = 101;
    public const int ENOBUFS = 105;
    public const int ETIMEDOUT = 110;
    public const int ECONNREFUSED = 111;
    public const int EHOSTDOWN = 112;
    public const int EHOSTUNREACH = 113;
}
