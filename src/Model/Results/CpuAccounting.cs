using System.Globalization;

namespace PerfSuite.Model.Results;

/// <summary>How completely a cell's /proc/stat categories account for its CPUs × window, and the busy figure that
/// follows (docs/methodology.md "CPU accounting"). On this project's VMs the kernel samples busy time with its tick
/// (CONFIG_TICK_CPU_ACCOUNTING) while a tickless kernel measures idle time exactly, so under load the categories
/// can cover less than the window: the missing time is busy time no tick sampled. Busy is then not one number but a
/// range from the tick-sampled figure to the one the exact idle time implies.</summary>
/// <param name="CpuCount">CPUs the categories cover.</param>
/// <param name="WindowSeconds">The window the two /proc/stat readings bound, as the measuring side timed it.</param>
/// <param name="AccountedFraction">user+nice+system+irq+softirq+steal+iowait+idle / (CPUs × window): equals
/// <see cref="CpuByCategory.Accounted"/> / <see cref="CpuCount"/> of the same cell.</param>
/// <param name="TickBusyCores">Busy as the tick sampled it (user+nice+system+irq+softirq), in cores.</param>
/// <param name="IdleDerivedBusyCores">CPUs − idle − iowait − steal, in cores: busy as the exact idle time implies it.</param>
/// <param name="IdleBaselineBusyCores">Busy cores of the run's idle baseline (<see cref="RunEnvironment.IdleCpu"/>),
/// the floor the net figures subtract; null when the run has none.</param>
public sealed record CpuAccounting(
    int CpuCount,
    double WindowSeconds,
    double AccountedFraction,
    double TickBusyCores,
    double IdleDerivedBusyCores,
    double? IdleBaselineBusyCores = null)
{
    /// <summary>Below this share of CPUs × window a cell is flagged and its busy shown as a range.</summary>
    public const double CompleteFraction = 0.97;

    /// <summary>Above this share the categories count some time twice (steal inside idle), also flagged.</summary>
    public const double OvercountFraction = 1.03;

    /// <summary>Share of CPUs × window the categories miss (negative when they count more than the window).</summary>
    public double Gap => 1 - AccountedFraction;

    public bool IsComplete => AccountedFraction is >= CompleteFraction and <= OvercountFraction;

    /// <summary>Lower end of busy cores: the smaller of the tick-sampled and the idle-derived figure.</summary>
    public double BusyLow => Math.Min(TickBusyCores, IdleDerivedBusyCores);

    /// <summary>Upper end of busy cores.</summary>
    public double BusyHigh => Math.Max(TickBusyCores, IdleDerivedBusyCores);

    /// <summary>Busy cores net of the idle baseline, lower end (never below zero); null without a baseline.</summary>
    public double? NetBusyLow => IdleBaselineBusyCores is { } idle ? Math.Max(0, BusyLow - idle) : null;

    /// <summary>Busy cores net of the idle baseline, upper end; null without a baseline.</summary>
    public double? NetBusyHigh => IdleBaselineBusyCores is { } idle ? Math.Max(0, BusyHigh - idle) : null;

    /// <summary>Why the cell's CPU is not one exact number, or null when its categories cover the window.</summary>
    public string? Flag
    {
        get
        {
            if (IsComplete)
                return null;
            var ci = CultureInfo.InvariantCulture;
            var covered = string.Create(ci, $"CPU categories covered {AccountedFraction * 100:0.0} % of {CpuCount} CPUs × {WindowSeconds:0.00} s");
            return AccountedFraction < CompleteFraction
                ? covered + string.Create(ci,
                    $": busy time the tick never sampled (tick-based accounting under load); busy {BusyLow:0.00}–{BusyHigh:0.00} cores (tick-sampled … idle-derived)")
                : covered + string.Create(ci,
                    $": time counted twice (a virtual CPU waiting for the host counts as idle and as steal); busy {BusyLow:0.00}–{BusyHigh:0.00} cores");
        }
    }

    /// <summary>The accounting of a window from its categories (in cores) and CPU count.</summary>
    public static CpuAccounting From(CpuByCategory categories, int cpuCount, double windowSeconds, double? idleBaselineBusyCores = null) =>
        new(cpuCount, windowSeconds,
            cpuCount > 0 ? categories.Accounted / cpuCount : 0,
            categories.Busy,
            Math.Max(0, cpuCount - categories.Idle - categories.Iowait - categories.Steal),
            idleBaselineBusyCores);
}
