using System.Runtime.InteropServices;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    internal const int AF_NETLINK = 16;
    internal const int NETLINK_ROUTE = 0;
    internal const int NETLINK_GENERIC = 16;
    internal const int SOL_NETLINK = 270;
    /// <summary>Do not echo the request inside error replies (linux/netlink.h).</summary>
    internal const int NETLINK_CAP_ACK = 10;
    /// <summary>Ask for extended ACKs: the kernel adds a human-readable reason to errors.</summary>
    internal const int NETLINK_EXT_ACK = 11;

    [StructLayout(LayoutKind.Sequential)]
    internal struct sockaddr_nl
    {
        public ushort nl_family;
        public ushort nl_pad;
        public uint nl_pid;
        public uint nl_groups;
    }

    /// <summary>struct nlmsghdr (linux/netlink.h): the header of every netlink message.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct nlmsghdr
    {
        public uint nlmsg_len;
        public ushort nlmsg_type;
        public ushort nlmsg_flags;
        public uint nlmsg_seq;
        public uint nlmsg_pid;
    }

    /// <summary>struct nlattr (linux/netlink.h): the header of every attribute; the payload follows, padded to 4.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct nlattr
    {
        public ushort nla_len;
        public ushort nla_type;
    }
}
