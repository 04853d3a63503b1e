using System.Runtime.InteropServices;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen;

internal static partial class Interop
{
    private const int EPERM = 1;
    private const int ENOENT = 2;
    private const int EACCES = 13;
    private const int EINVAL = 22;
    private const int ENOPROTOOPT = 92;
    private const int EOPNOTSUPP = 95;

    /// <summary>The one place errno of a libc call becomes a <see cref="PerfSuiteException"/>.</summary>
    internal static void CheckIo(int result, string what)
    {
        if (result >= 0)
            return;
        var errno = Marshal.GetLastPInvokeError();
        var (reason, hint) = errno switch
        {
            EPERM or EACCES => (ErrorReason.PermissionDenied, " (needs root or CAP_NET_ADMIN)"),
            ENOENT => (ErrorReason.NotFound, ""),
            EINVAL => (ErrorReason.InvalidArgument, ""),
            ENOPROTOOPT or EOPNOTSUPP => (ErrorReason.NotSupported, ""),
            _ => (ErrorReason.Io, ""),
        };
        throw new PerfSuiteException(reason, $"{what}: {Marshal.GetPInvokeErrorMessage(errno)}{hint}");
    }
}
