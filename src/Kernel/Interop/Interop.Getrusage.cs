using System.Runtime.InteropServices;


namespace PerfSuite.Kernel;

internal static partial class Interop
{
    internal const int RUSAGE_SELF = 0;
    internal const int RUSAGE_THREAD = 1;

    [StructLayout(LayoutKind.Sequential)]
    internal struct timeval
    {
        public long tv_sec;
        public long tv_usec;
    }

    /// <summary>struct rusage from sys/resource.h (x86-64 and arm64: 144 bytes; every field a long after the two
    /// timevals).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct rusage
    {
        public timeval ru_utime;
        public timeval ru_stime;
        public long ru_maxrss;
        public long ru_ixrss;
        public long ru_idrss;
        public long ru_isrss;
        public long ru_minflt;
        public long ru_majflt;
        public long ru_nswap;
        public long ru_inblock;
        public long ru_oublock;
        public long ru_msgsnd;
        public long ru_msgrcv;
        public long ru_nsignals;
        public long ru_nvcsw;
        public long ru_nivcsw;
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    internal static partial int getrusage(int who, out rusage usage);
}
