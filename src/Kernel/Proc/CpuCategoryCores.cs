namespace PerfSuite.Kernel.Proc;

/// <summary>Cores used per <c>/proc/stat</c> category over a window (ticks / USER_HZ / seconds). Guest and
/// guest_nice are shown for information; they are already inside user and nice.</summary>
public sealed record CpuCategoryCores(
    double User, double Nice, double System, double Idle, double Iowait,
    double Irq, double Softirq, double Steal, double Guest, double GuestNice)
{
    public static CpuCategoryCores From(CpuTimes ticks, double ticksPerCore) => new(
        ticks.User / ticksPerCore, ticks.Nice / ticksPerCore, ticks.System / ticksPerCore, ticks.Idle / ticksPerCore,
        ticks.Iowait / ticksPerCore, ticks.Irq / ticksPerCore, ticks.Softirq / ticksPerCore, ticks.Steal / ticksPerCore,
        ticks.Guest / ticksPerCore, ticks.GuestNice / ticksPerCore);
}
