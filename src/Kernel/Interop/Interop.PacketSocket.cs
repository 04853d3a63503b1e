using Tmds.Linux;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>ETH_P_ALL: every protocol, outgoing frames included (linux/if_ether.h).</summary>
    internal const ushort ETH_P_ALL = 0x0003;

    /// <summary>socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)) bound to one interface: whole frames, Ethernet
    /// header included, in both directions. Made in the calling thread's network namespace.</summary>
    internal static unsafe FileDescriptorHandle OpenPacketSocket(int ifindex, string what)
    {
        var protocol = LibC.htons(ETH_P_ALL);
        var fd = LibC.socket(LibC.AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
        if (fd < 0)
            throw SystemCallFailure(LibC.errno, what, "CAP_NET_RAW");
        var socket = FileDescriptorHandle.Own(fd);
        var address = new sockaddr_ll { sll_family = (ushort)LibC.AF_PACKET, sll_protocol = protocol, sll_ifindex = ifindex };
        if (LibC.bind(fd, (sockaddr*)&address, (uint)sizeof(sockaddr_ll)) != 0)
        {
            var errno = LibC.errno;
            socket.Dispose();
            throw SystemCallFailure(errno, what, "CAP_NET_RAW");
        }
        return socket;
    }
}
