namespace PerfSuite.Report.Analysis;

/// <summary>How a group's busy CPU divides among /proc/stat categories: per category, the median over the
/// repetitions of its share of busy time, scaled so the shares add up to 1. Multiplied by the median core-seconds
/// per Gbit, they split that median into stacked bars whose total is the median itself.</summary>
/// <param name="Shares">Category name ("user", "system", "softirq" ...) and share, in /proc/stat order.</param>
public sealed record CpuBreakdown(IReadOnlyList<CpuShare> Shares)
{
    /// <summary>The /proc/stat categories that count as busy (docs/methodology.md "CPU accounting"), in the order the
    /// kernel lists them. Steal is not one: it is time the hypervisor gave someone else.</summary>
    public static IReadOnlyList<string> Categories { get; } = ["user", "nice", "system", "irq", "softirq"];

    public double ShareOf(string category) => Shares.FirstOrDefault(s => s.Category == category)?.Share ?? 0;
}

/// <summary>One category's share of busy CPU (0 to 1).</summary>
public sealed record CpuShare(string Category, double Share);
