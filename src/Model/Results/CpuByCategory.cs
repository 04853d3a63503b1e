namespace PerfSuite.Model.Results;

/// <summary>CPU time over a window by /proc/stat category, each in cores (ticks / USER_HZ / window seconds).</summary>
/// <param name="Steal">Time the hypervisor ran something else on this system's virtual CPUs: shown apart, never busy.</param>
/// <param name="Guest">guest + guest_nice: time this system ran virtual machines of its own. Shown apart for information;
/// the kernel already counts it inside user and nice, so it is not added again. Null in files written before issue 14.</param>
public sealed record CpuByCategory(
    double User,
    double Nice,
    double System,
    double Irq,
    double Softirq,
    double Steal,
    double Iowait,
    double Idle,
    double? Guest = null)
{
    /// <summary>user + nice + system + irq + softirq (docs/methodology.md "CPU"): steal is not this system's work.
    /// Files written before issue 14 stored a busy that included steal; it is recomputed from the categories.</summary>
    public double Busy => User + Nice + System + Irq + Softirq;

    /// <summary>Every category added up (busy + steal + iowait + idle), in cores: CPUs on a perfect clock.</summary>
    public double Accounted => Busy + Steal + Iowait + Idle;
}
