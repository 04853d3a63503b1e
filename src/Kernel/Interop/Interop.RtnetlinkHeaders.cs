using System.Runtime.InteropServices;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>struct ifinfomsg (linux/rtnetlink.h): the family header of RTM_*LINK messages.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ifinfomsg
    {
        public byte ifi_family;
        public byte __ifi_pad;
        public ushort ifi_type;
        public int ifi_index;
        public uint ifi_flags;
        public uint ifi_change;
    }

    /// <summary>struct ifaddrmsg (linux/if_addr.h): the family header of RTM_*ADDR messages.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ifaddrmsg
    {
        public byte ifa_family;
        public byte ifa_prefixlen;
        public byte ifa_flags;
        public byte ifa_scope;
        public uint ifa_index;
    }

    /// <summary>struct rtmsg (linux/rtnetlink.h): the family header of RTM_*ROUTE messages.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct rtmsg
    {
        public byte rtm_family;
        public byte rtm_dst_len;
        public byte rtm_src_len;
        public byte rtm_tos;
        public byte rtm_table;
        public byte rtm_protocol;
        public byte rtm_scope;
        public byte rtm_type;
        public uint rtm_flags;
    }

    /// <summary>struct ndmsg (linux/neighbour.h): the family header of RTM_*NEIGH messages.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ndmsg
    {
        public byte ndm_family;
        public byte ndm_pad1;
        public ushort ndm_pad2;
        public int ndm_ifindex;
        public ushort ndm_state;
        public byte ndm_flags;
        public byte ndm_type;
    }
}
