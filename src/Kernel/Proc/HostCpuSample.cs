namespace PerfSuite.Kernel.Proc;

/// <summary>A reading of <c>/proc/stat</c> and <c>/proc/softirqs</c> stamped with the
/// <see cref="System.Diagnostics.Stopwatch"/> timestamp of the middle of the /proc/stat read, so the window between two
/// samples is measured, not assumed.</summary>
/// <param name="Timestamp">Midpoint of the clock readings just before and just after /proc/stat was read.</param>
/// <param name="Stat">The parsed /proc/stat.</param>
/// <param name="Softirqs">The parsed /proc/softirqs, read right after.</param>
public sealed record HostCpuSample(long Timestamp, ProcStatSnapshot Stat, SoftirqSnapshot Softirqs)
{
    /// <summary>How long the /proc/stat read took, in <see cref="System.Diagnostics.Stopwatch"/> ticks: the counters
    /// belong to some instant inside it, so half of it either side of <see cref="Timestamp"/> is the edge's
    /// uncertainty.</summary>
    public long ReadTicks { get; init; }
}
