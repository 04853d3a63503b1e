using System.Text.RegularExpressions;
using PerfSuite.Kernel;
using PerfSuite.Tune.Changes;

namespace PerfSuite.Tune.Journal;

/// <summary>What a journal may make <c>tune rollback</c> write: only the kinds of setting tune itself changes, on
/// knobs it could have proposed — a sysctl of <see cref="TunableSysctls"/> with a numeric value, a setting of an
/// interface the journal's own snapshot lists (it existed when the journal was written), an RPS mask of a receive
/// queue, an XPS map of a transmit queue, the affinity of an interrupt (which is written only if the interface's
/// device lists it in msi_irqs then: <see cref="Apply.QueueSteeringFiles"/>) — so a tampered journal cannot set
/// <c>kernel.core_pattern</c>, write a file through a crafted queue or map name, or reach a device tune never saw. The file's own checks (owner, mode, no link) are <see cref="OwnedFile"/>'s.</summary>
public static partial class JournalRestorePolicy
{
    /// <summary>One line per change the journal may not restore, naming the change and why; empty when all may be.</summary>
    public static IReadOnlyList<string> Refusals(TuneJournalContents contents)
    {
        var interfaces = contents.Header.Probe?.Interfaces?.Select(i => i.Name).ToHashSet(StringComparer.Ordinal) ?? [];
        var refusals = new List<string>();
        foreach (var entry in contents.Entries)
        {
            var intent = entry.Intent;
            var problem = intent.Previous is null || intent.Setting is null
                ? "it has no previous value"
                : intent.Previous.Knob() != intent.Setting.Knob()
                    ? $"its undo ({intent.Previous.Knob()}) is not the knob it changed ({intent.Setting.Knob()})"
                    : Problem(intent.Previous, interfaces);
            if (problem is not null)
                refusals.Add($"change {intent.Sequence} ({intent.FindingId}): {problem}");
        }
        return refusals;
    }

    private static string? Problem(TuneSetting setting, HashSet<string> interfaces)
    {
        if (setting is SysctlSetting sysctl)
        {
            if (!TunableSysctls.All.Contains(sysctl.Key))
                return $"sysctl '{sysctl.Key}' is not one tune changes ({string.Join(", ", TunableSysctls.All.Order(StringComparer.Ordinal))})";
            return sysctl.Value is not null && TunableSysctls.IsValue(sysctl.Value) ? null : $"'{sysctl.Value}' is not a value of {sysctl.Key} (1 to 3 decimal integers)";
        }
        if (setting is RouteMtuSetting)
            return "tune only advises route MTUs; it never changes them";
        if (setting.InterfaceName() is not { } name)
            return $"'{setting.Knob()}' is not a kind of setting tune changes";
        if (InterfaceName.NewNameProblem(name) is { } bad)
            return $"'{name}': {bad}";
        if (!interfaces.Contains(name))
            return $"interface '{name}' is not in the journal's snapshot of the namespace, so tune never changed it";
        return setting switch
        {
            RpsSetting rps when !ReceiveQueue().IsMatch(rps.Queue) => $"'{rps.Queue}' is not a receive queue (rx-N)",
            RpsSetting rps when !CpuMask().IsMatch(rps.Mask) => $"'{rps.Mask}' is not a CPU mask (hex digits and commas)",
            XpsSetting xps when !TransmitQueue().IsMatch(xps.Queue) => $"'{xps.Queue}' is not a transmit queue (tx-N)",
            XpsSetting xps when !XpsSetting.Maps.Contains(xps.Map) => $"'{xps.Map}' is not an XPS map ({string.Join(", ", XpsSetting.Maps)})",
            XpsSetting xps when !CpuMask().IsMatch(xps.Mask) => $"'{xps.Mask}' is not a mask (hex digits and commas)",
            IrqAffinitySetting irq when irq.Irq is < 0 or > MaxIrq => $"{irq.Irq} is not an interrupt number (0 to {MaxIrq})",
            IrqAffinitySetting irq when !CpuList().IsMatch(irq.CpuList) || IrqAffinitySetting.Cpus(irq.CpuList).Count == 0 =>
                $"'{irq.CpuList}' is not a CPU list (such as 0-3,8)",
            ChannelSetting { Channels: null } or RingSetting { Rings: null } or CoalesceSetting { Coalesce: null } => "it holds no values",
            FeatureSetting features when features.Requested is null || features.Requested.Keys.Any(k => !FeatureName().IsMatch(k)) =>
                "a feature name is not an ethtool feature name",
            _ => null,
        };
    }

    [GeneratedRegex("^rx-[0-9]{1,5}$")]
    private static partial Regex ReceiveQueue();

    /// <summary>Above the kernel's NR_IRQS on any configuration (a journal's number is also checked against the
    /// device's msi_irqs when it is written).</summary>
    private const int MaxIrq = 1 << 20;

    [GeneratedRegex("^tx-[0-9]{1,5}$")]
    private static partial Regex TransmitQueue();

    [GeneratedRegex("^[0-9,-]{1,1024}$")]
    private static partial Regex CpuList();

    [GeneratedRegex("^[0-9a-fA-F,]{1,1024}$")]
    private static partial Regex CpuMask();

    [GeneratedRegex("^[a-z0-9-]{1,31}$")]
    private static partial Regex FeatureName();
}
