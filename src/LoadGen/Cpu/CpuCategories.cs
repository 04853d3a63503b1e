using PerfSuite.Kernel.Proc;
using PerfSuite.Model.Results;

namespace PerfSuite.LoadGen.Cpu;

/// <summary>The results document's form of a CPU reading: cores by /proc/stat category, and how completely they
/// account for CPUs × window.</summary>
public static class CpuCategories
{
    public static CpuByCategory ToCpuByCategory(this CpuUsage host)
    {
        var c = host.ByCategory;
        return new CpuByCategory(c.User, c.Nice, c.System, c.Irq, c.Softirq, c.Steal, c.Iowait, c.Idle, c.Guest + c.GuestNice);
    }

    /// <summary>Computed from the same categories the cell stores, so its accounted fraction agrees with them.</summary>
    public static CpuAccounting ToCpuAccounting(this CpuUsage host) =>
        CpuAccounting.From(host.ToCpuByCategory(), host.CpuCount, host.WindowSeconds);
}
