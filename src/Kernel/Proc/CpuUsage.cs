using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Proc;

/// <summary>Host CPU used over a measurement window, from two <c>/proc/stat</c> readings taken at its edges
/// (docs/methodology.md "CPU"): busy = user+nice+system+irq+softirq (steal is apart, never busy), busy cores =
/// busy ticks / USER_HZ / seconds.</summary>
/// <param name="CpuCount">CPUs with a line in the closing reading.</param>
/// <param name="BusyCores">Tick-sampled busy cores: user+nice+system+irq+softirq.</param>
/// <param name="TotalTicks">Every tick the categories account for (busy + steal + idle + iowait).</param>
public sealed record CpuUsage(
    double WindowSeconds,
    long UserHz,
    int CpuCount,
    double BusyCores,
    ulong BusyTicks,
    ulong TotalTicks,
    CpuCategoryCores ByCategory,
    IReadOnlyList<CpuCoreUsage> PerCpu)
{
    /// <summary>Busy share of all CPUs' time in the window, 0..1.</summary>
    public double Utilisation => TotalTicks == 0 ? 0 : (double)BusyTicks / TotalTicks;

    public static CpuUsage Between(ProcStatSnapshot start, ProcStatSnapshot end, double windowSeconds, long userHz)
    {
        if (windowSeconds <= 0)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"a CPU window must be longer than zero, not {windowSeconds} s");
        if (userHz <= 0)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"USER_HZ must be positive, not {userHz}");
        var ticksPerCore = userHz * windowSeconds;
        var total = end.Total.Since(start.Total);
        var earlier = start.Cpus.ToDictionary(c => c.Cpu, c => c.Times);
        var perCpu = new List<CpuCoreUsage>(end.Cpus.Count);
        foreach (var cpu in end.Cpus)
        {
            // A CPU that came online inside the window has no start line; its share is unknown, not zero.
            if (!earlier.TryGetValue(cpu.Cpu, out var before))
                continue;
            perCpu.Add(CpuCoreUsage.From(cpu.Cpu, cpu.Times.Since(before), ticksPerCore));
        }
        return new CpuUsage(windowSeconds, userHz, end.Cpus.Count, total.Busy / ticksPerCore, total.Busy, total.Total,
            CpuCategoryCores.From(total, ticksPerCore), perCpu);
    }
}
