namespace PerfSuite.Probe;

/// <summary>Every /proc and /sys path PerfSuite reads, in one place. /proc/sys/kernel answers for the UTS and
/// kernel of the caller, not for a network namespace.</summary>
public static class SystemPaths
{
    /// <summary>The running kernel's release, as <c>uname -r</c> prints it.</summary>
    public const string KernelRelease = "/proc/sys/kernel/osrelease";

    /// <summary>The host name, as <c>hostname</c> prints it.</summary>
    public const string Hostname = "/proc/sys/kernel/hostname";
}
