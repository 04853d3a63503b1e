using System.Runtime.InteropServices;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>IFNAMSIZ: a name has at most 15 bytes plus its NUL.</summary>
    internal const int IFNAMSIZ = 16;

    /// <summary>struct ifreq (LP64): 40 bytes. The kernel copies all of it, so the union's unused tail is
    /// allocated and zeroed even though SIOCETHTOOL only reads ifr_data.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct ifreq
    {
        public fixed byte ifr_name[IFNAMSIZ];
        public void* ifr_data;
        public fixed byte ifr_union_rest[16];
    }
}
