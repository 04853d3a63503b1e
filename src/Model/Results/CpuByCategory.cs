namespace PerfSuite.Model.Results;

/// <summary>CPU time over a window by /proc/stat category, each in cores (ticks / USER_HZ / window seconds).
/// guest and guest_nice are left out: the kernel already counts them inside user and nice.</summary>
public sealed record CpuByCategory(
    double User,
    double Nice,
    double System,
    double Irq,
    double Softirq,
    double Steal,
    double Iowait,
    double Idle)
{
    /// <summary>user + nice + system + irq + softirq + steal (methodology §3).</summary>
    public double Busy => User + Nice + System + Irq + Softirq + Steal;
}
