namespace PerfSuite.Probe;

/// <summary>Every /proc and /sys path PerfSuite reads, in one place. /proc/sys/kernel answers for the UTS and
/// kernel of the caller, not for a network namespace.</summary>
public static class SystemPaths
{
    /// <summary>The running kernel's release, as <c>uname -r</c> prints it.</summary>
    public const string KernelRelease = "/proc/sys/kernel/osrelease";

    /// <summary>The host name, as <c>hostname</c> prints it.</summary>
    public const string Hostname = "/proc/sys/kernel/hostname";

    /// <summary>Sysctls. Those under net/ answer for the network namespace of the thread that opens the file.</summary>
    public const string ProcSys = "/proc/sys";

    /// <summary>Loaded and built-in kernel modules, one directory each.</summary>
    public const string SysModule = "/sys/module";

    /// <summary>A process's status line; field 22 is its start time in clock ticks after boot.</summary>
    public static string ProcessStat(int pid) => $"/proc/{pid}/stat";
}
