using System.Runtime.InteropServices;
using PerfSuite.Model.Errors;
using Tmds.Linux;
using static Tmds.Linux.LibC;

namespace PerfSuite.Probe.Interop;

internal static partial class Interop
{
    private const int NETLINK_GENERIC = 16;

    /// <summary>Opens the socket SIOCETHTOOL is sent on, in the calling thread's network namespace. Like ethtool
    /// (ethtool.c main), falls back to a generic netlink socket when the kernel has no IPv4.</summary>
    internal static EthtoolSocketHandle OpenEthtoolSocket(string namespaceLabel)
    {
        var fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
            fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
        if (fd < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw new PerfSuiteException(ErrorReason.Io,
                $"cannot open a socket for ethtool in network namespace '{namespaceLabel}': {Marshal.GetPInvokeErrorMessage(error)}");
        }
        return EthtoolSocketHandle.Wrap(fd, namespaceLabel);
    }
}
