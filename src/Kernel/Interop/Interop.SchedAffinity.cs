using System.Runtime.InteropServices;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    /// <summary>Bytes of the CPU masks passed to the kernel: 1024 CPUs, glibc's CPU_SETSIZE. The kernel accepts any
    /// multiple of sizeof(long) at least as large as its nr_cpu_ids.</summary>
    internal const int CpuSetBytes = 1024 / 8;

    /// <summary>sched_setaffinity(2) on one thread (a tid; 0 is the calling thread).</summary>
    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    internal static unsafe partial int sched_setaffinity(int pid, nuint cpusetsize, byte* mask);

    /// <summary>sched_getaffinity(2): the raw syscall returns the bytes written; glibc returns 0 on success.</summary>
    [LibraryImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    internal static unsafe partial int sched_getaffinity(int pid, nuint cpusetsize, byte* mask);

    internal static unsafe void SetAffinity(int tid, ReadOnlySpan<byte> mask, string what)
    {
        fixed (byte* p = mask)
            CheckIo(sched_setaffinity(tid, (nuint)mask.Length, p), what);
    }

    internal static unsafe void GetAffinity(int tid, Span<byte> mask, string what)
    {
        fixed (byte* p = mask)
            CheckIo(sched_getaffinity(tid, (nuint)mask.Length, p), what);
    }
}
