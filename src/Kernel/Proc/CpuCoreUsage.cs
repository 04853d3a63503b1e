namespace PerfSuite.Kernel.Proc;

/// <summary>One CPU's share of a window, each in cores (0..1): busy (user+nice+system+irq+softirq) and parts of it,
/// steal, idle and iowait, and what its categories account for (1.00 on a perfect clock).</summary>
public sealed record CpuCoreUsage(int Cpu, double Busy, double Softirq, double System, double User,
    double Steal = 0, double Idle = 0, double Iowait = 0, double Accounted = 0)
{
    public static CpuCoreUsage From(int cpu, CpuTimes d, double ticksPerCore) => new(cpu,
        d.Busy / ticksPerCore, d.Softirq / ticksPerCore, d.System / ticksPerCore, d.User / ticksPerCore,
        d.Steal / ticksPerCore, d.Idle / ticksPerCore, d.Iowait / ticksPerCore, d.Total / ticksPerCore);
}
