namespace PerfSuite.Probe;

<<<<<<< HEAD
/// <summary>Every /proc and /sys path PerfSuite reads, in one place. /proc/sys/kernel answers for the UTS and
/// kernel of the caller, not for a network namespace.</summary>
public static class SystemPaths
{
    /// <summary>The running kernel's release, as <c>uname -r</c> prints it.</summary>
    public const string KernelRelease = "/proc/sys/kernel/osrelease";

    /// <summary>The host name, as <c>hostname</c> prints it.</summary>
    public const string Hostname = "/proc/sys/kernel/hostname";
=======
/// <summary>Every <c>/proc</c> and <c>/sys</c> path PerfSuite reads, in one place so tests and reviews can see
/// what the tool touches on a host.</summary>
public static class SystemPaths
{
    /// <summary>Per-CPU and total CPU time in USER_HZ ticks.</summary>
    public const string ProcStat = "/proc/stat";

    /// <summary>Softirq counts per CPU (NET_RX, NET_TX, ...).</summary>
    public const string ProcSoftirqs = "/proc/softirqs";

    /// <summary>The running kernel's release, as <c>uname -r</c> prints it.</summary>
    public const string KernelRelease = "/proc/sys/kernel/osrelease";

    /// <summary>Per-process status line; utime and stime are fields 14 and 15 (proc(5)).</summary>
    public static string ProcPidStat(int pid) => $"/proc/{pid}/stat";
>>>>>>> traffic
}
