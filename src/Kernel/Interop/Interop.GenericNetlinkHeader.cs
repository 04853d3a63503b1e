using System.Runtime.InteropServices;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>struct genlmsghdr (linux/genetlink.h): the family header of every generic netlink message.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct genlmsghdr
    {
        public byte cmd;
        public byte version;
        public ushort reserved;
    }
}
