using PerfSuite.Model.Errors;

namespace PerfSuite.Probe;

internal static partial class Interop
{
    /// <summary>Where an ethtool ioctl's errno becomes an exception. Returns <paramref name="result"/> when it is
    /// not an error. ENODEV gets the message users see for a wrong interface name; the rest go through
    /// <see cref="ErrnoException(int, string, string)"/>, so EPERM names CAP_NET_ADMIN and EOPNOTSUPP becomes
    /// <see cref="ErrorReason.NotSupported"/>, which readers treat as "not reported by this driver".</summary>
    internal static int CheckIo(int result, int errno, string ifName, string command, string namespaceLabel)
    {
        if (result >= 0)
            return result;
        if (errno is LinuxErrno.ENODEV or LinuxErrno.ENXIO)
            throw new ErrnoException(ErrorReason.NotFound, errno, $"no interface '{ifName}' in network namespace '{namespaceLabel}'");
        throw ErrnoException(errno, $"{command} on '{ifName}' in network namespace '{namespaceLabel}'");
    }
}
