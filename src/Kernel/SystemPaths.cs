namespace PerfSuite.Kernel;

/// <summary>Every <c>/proc</c> and <c>/sys</c> path PerfSuite reads, in one place so tests and reviews can see
/// what the tool touches on a host. /proc/sys/kernel answers for the kernel of the caller; /proc/sys/net for the
/// network namespace of the thread that opens the file.</summary>
public static class SystemPaths
{
    /// <summary>Per-CPU and total CPU time in USER_HZ ticks.</summary>
    public const string ProcStat = "/proc/stat";

    /// <summary>Softirq counts per CPU (NET_RX, NET_TX, ...).</summary>
    public const string ProcSoftirqs = "/proc/softirqs";

    /// <summary>CPU model names, one block per logical CPU.</summary>
    public const string ProcCpuinfo = "/proc/cpuinfo";

    /// <summary>Memory totals in kB.</summary>
    public const string ProcMeminfo = "/proc/meminfo";

    /// <summary>The running kernel's release, as <c>uname -r</c> prints it.</summary>
    public const string KernelRelease = "/proc/sys/kernel/osrelease";

    /// <summary>The host name, as <c>hostname</c> prints it.</summary>
    public const string Hostname = "/proc/sys/kernel/hostname";

    /// <summary>Sysctls. Those under net/ answer for the network namespace of the thread that opens the file.</summary>
    public const string ProcSys = "/proc/sys";

    /// <summary>A process's status line; utime and stime are fields 14 and 15, the start time field 22 (proc(5)).</summary>
    public static string ProcPidStat(int pid) => $"/proc/{pid}/stat";

    /// <summary>The threads of a process, one directory per thread id.</summary>
    public static string ProcPidTasks(int pid) => $"/proc/{pid}/task";

    /// <summary>Per-CPU receive counters: processed, dropped (input backlog full), time squeezed.</summary>
    public const string SoftnetStat = "/proc/net/softnet_stat";

    /// <summary>The receive queues of an interface (rx-0, rx-1, …), as the sysfs mounted at /sys shows them.</summary>
    public static string RxQueues(string iface) => $"/sys/class/net/{iface}/queues";

    /// <summary>The RPS CPU mask of one receive queue.</summary>
    public static string RpsCpus(string iface, string queue) => $"/sys/class/net/{iface}/queues/{queue}/rps_cpus";
}
