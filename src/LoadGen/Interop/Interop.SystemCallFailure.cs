using System.Runtime.InteropServices;
using PerfSuite.Model.Errors;
using PerfSuite.Probe;

namespace PerfSuite.LoadGen;

internal static partial class Interop
{
    /// <summary>The one place where an errno of the tunnel calls becomes the exception callers see, naming what was
    /// attempted; EPERM and EACCES name the capability that is missing. The errno stays on the exception for callers
    /// that branch on it (EBUSY on an interface name, EOPNOTSUPP on a link kind).</summary>
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
        var text = Marshal.GetPInvokeErrorMessage(errno);
        var message = reason == ErrorReason.PermissionDenied
            ? $"{what}: {text} (needs {capability}; run as root)"
            : $"{what}: {text}";
        return new ErrnoException(reason, errno, message);
    }

    /// <summary>errno of the last Tmds.LibC call on this thread.</summary>
    private static int ErrnoOfLastCall => Tmds.Linux.LibC.errno;
}
