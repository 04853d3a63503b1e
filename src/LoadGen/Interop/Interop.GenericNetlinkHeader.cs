using System.Runtime.InteropServices;

namespace PerfSuite.LoadGen;

internal static partial class Interop
{
    /// <summary>NETLINK_GENERIC (linux/netlink.h): the protocol of generic netlink sockets.</summary>
    internal const int NETLINK_GENERIC = 16;

    /// <summary>struct genlmsghdr (linux/genetlink.h): the family header of every generic netlink message.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct genlmsghdr
    {
        public byte cmd;
        public byte version;
        public ushort reserved;
    }
}
