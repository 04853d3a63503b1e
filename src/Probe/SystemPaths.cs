namespace PerfSuite.Probe;

/// <summary>Every /proc and /sys path PerfSuite reads, in one place. /proc/sys/kernel answers for the UTS and
/// kernel of the caller, not for a network namespace.</summary>
public static class SystemPaths
{
    /// <summary>The running kernel's release, as <c>uname -r</c> prints it.</summary>
    public const string KernelRelease = "/proc/sys/kernel/osrelease";

    /// <summary>The host name, as <c>hostname</c> prints it.</summary>
    public const string Hostname = "/proc/sys/kernel/hostname";

    /// <summary>Per-CPU receive counters: processed, dropped (input backlog full), time squeezed.</summary>
    public const string SoftnetStat = "/proc/net/softnet_stat";

    /// <summary>Sysctls; which network namespace a /proc/sys/net file answers for is decided by the thread that
    /// opens it.</summary>
    public const string ProcSys = "/proc/sys";

    /// <summary>The receive queues of an interface (rx-0, rx-1, …), as the sysfs mounted at /sys shows them.</summary>
    public static string RxQueues(string iface) => $"/sys/class/net/{iface}/queues";

    /// <summary>The RPS CPU mask of one receive queue.</summary>
    public static string RpsCpus(string iface, string queue) => $"/sys/class/net/{iface}/queues/{queue}/rps_cpus";
}
