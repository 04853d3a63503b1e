using PerfSuite.Kernel.Proc;
using PerfSuite.Model.Results;

namespace PerfSuite.LoadGen.Cpu;

/// <summary>The results document's form of a CPU reading: busy cores by /proc/stat category.</summary>
public static class CpuCategories
{
    public static CpuByCategory ToCpuByCategory(this CpuUsage host)
    {
        var c = host.ByCategory;
        return new CpuByCategory(c.User, c.Nice, c.System, c.Irq, c.Softirq, c.Steal, c.Iowait, c.Idle);
    }
}
