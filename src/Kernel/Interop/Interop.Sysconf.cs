using System.Runtime.InteropServices;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>glibc's value for Linux; the kernel's USER_HZ, the unit of /proc/stat, is what it returns.</summary>
    internal const int _SC_CLK_TCK = 2;

    [LibraryImport("libc", EntryPoint = "sysconf", SetLastError = true)]
    internal static partial long sysconf(int name);
}
