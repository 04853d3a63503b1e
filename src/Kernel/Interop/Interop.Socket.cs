using Tmds.Linux;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>Opens the socket SIOCETHTOOL is sent on, in the calling thread's network namespace. Like ethtool
    /// (ethtool.c main), falls back to a generic netlink socket when the kernel has no IPv4.</summary>
    internal static EthtoolSocket OpenEthtoolSocket(string namespaceLabel)
    {
        var fd = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0)
            fd = LibC.socket(AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, NETLINK_GENERIC);
        if (fd < 0)
            throw SystemCallFailure(LastErrno, $"opening a socket for ethtool in network namespace '{namespaceLabel}'");
        return new EthtoolSocket(FileDescriptorHandle.Own(fd), namespaceLabel);
    }
}
