using System.Globalization;

namespace PerfSuite.Tune.Changes;

/// <summary>The CPUs one interrupt of an interface's device may run on (<c>/proc/irq/N/smp_affinity_list</c>).
/// <see cref="Action"/> is the name the driver requested it under (the directory <c>/proc/irq/N/</c> holds), so a
/// restore finds the same queue's interrupt when the driver numbered its vectors anew. Tune never proposes one: it
/// journals them before a channel change, which drivers reset them by.</summary>
public sealed record IrqAffinitySetting(string Interface, int Irq, string? Action, string CpuList) : TuneSetting
{
    public override string Knob() => $"irq-affinity {Interface} {Irq}";

    public override string? InterfaceName() => Interface;

    public override string Describe() => $"echo {CpuList} > /proc/irq/{Irq}/smp_affinity_list";

    public override bool SameState(TuneSetting other) =>
        other is IrqAffinitySetting i && i.Interface == Interface && (Action is not null && i.Action == Action || i.Irq == Irq)
        && Cpus(i.CpuList).SetEquals(Cpus(CpuList));

    /// <summary>The CPUs of a list such as "0-3,8" ("0,1,2,3,8" reads back as "0-3,8"); empty for one that does not parse.</summary>
    public static HashSet<int> Cpus(string list)
    {
        var cpus = new HashSet<int>();
        foreach (var part in list.Trim().Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-');
            if (range.Length is < 1 or > 2
                || !int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
                || !int.TryParse(range[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
                || last < first || last - first > 65536)
                return [];
            for (var cpu = first; cpu <= last; cpu++)
                cpus.Add(cpu);
        }
        return cpus;
    }
}
