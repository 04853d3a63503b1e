using System.Runtime.InteropServices;
using PerfSuite.Model.Errors;

namespace PerfSuite.Probe.Interop;

internal static partial class Interop
{
    // asm-generic/errno-base.h and errno.h: the same numbers on x86_64, arm and arm64. Tmds.LibC exposes them as
    // properties, which a switch cannot match on.
    private const int EPERM = 1, ENXIO = 6, EACCES = 13, EBUSY = 16, ENODEV = 19, EINVAL = 22, EOPNOTSUPP = 95, ETIMEDOUT = 110;

    /// <summary>The one place errno becomes an exception. Returns <paramref name="result"/> when it is not an error.
    /// EOPNOTSUPP becomes <see cref="ErrorReason.NotSupported"/>, which readers treat as "not reported by this
    /// driver" rather than as a failure.</summary>
    internal static int CheckIo(int result, int errno, string ifName, string command, string namespaceLabel)
    {
        if (result >= 0)
            return result;
        throw errno switch
        {
            ENODEV or ENXIO => new PerfSuiteException(ErrorReason.NotFound,
                $"no interface '{ifName}' in network namespace '{namespaceLabel}'"),
            EPERM or EACCES => new PerfSuiteException(ErrorReason.PermissionDenied,
                $"{command} on '{ifName}' needs CAP_NET_ADMIN in network namespace '{namespaceLabel}' (run as root)"),
            EOPNOTSUPP => new PerfSuiteException(ErrorReason.NotSupported,
                $"{command} is not supported by the driver of '{ifName}'"),
            EINVAL => new PerfSuiteException(ErrorReason.InvalidArgument,
                $"{command} on '{ifName}': the kernel rejected the request as invalid (EINVAL)"),
            EBUSY => new PerfSuiteException(ErrorReason.Busy,
                $"{command} on '{ifName}': device or resource busy"),
            ETIMEDOUT => new PerfSuiteException(ErrorReason.Timeout,
                $"{command} on '{ifName}': timed out"),
            _ => new PerfSuiteException(ErrorReason.Io,
                $"{command} on '{ifName}': {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})"),
        };
    }
}
