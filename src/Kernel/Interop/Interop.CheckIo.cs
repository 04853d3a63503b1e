using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>Where an ethtool ioctl's errno becomes an exception. Returns <paramref name="result"/> when it is
    /// not an error. ENODEV gets the message users see for a wrong interface name; the rest go through
    /// <see cref="SystemCallFailure"/>, so EPERM names CAP_NET_ADMIN and EOPNOTSUPP becomes
    /// <see cref="ErrorReason.NotSupported"/>, which readers treat as "not reported by this driver".</summary>
    internal static int CheckIo(int result, int errno, string ifName, string command, string namespaceLabel)
    {
        if (result >= 0)
            return result;
        if (errno is LinuxErrno.ENODEV or LinuxErrno.ENXIO)
            throw new ErrnoException(ErrorReason.NotFound, errno, $"no interface '{ifName}' in network namespace '{namespaceLabel}'");
        throw SystemCallFailure(errno, $"{command} on '{ifName}' in network namespace '{namespaceLabel}'");
    }

    /// <summary>For calls declared with <c>SetLastError = true</c>: a negative <paramref name="result"/> becomes the
    /// exception of <see cref="SystemCallFailure"/> for the call's errno.</summary>
    internal static void CheckIo(int result, string what)
    {
        if (result < 0)
            throw SystemCallFailure(System.Runtime.InteropServices.Marshal.GetLastPInvokeError(), what);
    }
}
