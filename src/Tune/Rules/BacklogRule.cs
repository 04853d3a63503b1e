using System.Globalization;
using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>Packets dropped because a CPU's input backlog was full (/proc/net/softnet_stat, second column). The
/// backlog queues what arrives without NAPI — veth traffic without GRO, RPS-steered packets — and holds
/// net.core.netdev_max_backlog packets per CPU. Only drops justify raising it.</summary>
public sealed class BacklogRule : ITuneRule
{
    public const string Id = "sysctl.netdev-max-backlog";
    private const string Key = TunableSysctls.NetdevMaxBacklog;

    public IReadOnlyList<RuleDescription> Describes { get; } =
        [new(Id, "input backlog drops in /proc/net/softnet_stat", Sources.NetdevBacklog)];

    public IEnumerable<Finding> Evaluate(TuneContext context)
    {
        if (!context.ReportsSysctls)
            yield break;
        if (context.Facts.Softnet is not { Dropped: > 0 } softnet || context.Facts.Sysctl(Key) is not { AsNumber: { } current } fact)
            yield break;
        var proposed = Math.Max(current * 2, 2000);
        var (action, note) = SysctlActions.For(context, fact);
        yield return new Finding(
            $"{Id}@{Key}",
            Id,
            FindingSubject.Sysctl(Key),
            current.ToString(CultureInfo.InvariantCulture),
            proposed.ToString(CultureInfo.InvariantCulture),
            $"/proc/net/softnet_stat counts {softnet.Dropped.ToString(CultureInfo.InvariantCulture)} packets dropped since boot because a CPU's input backlog ({current.ToString(CultureInfo.InvariantCulture)} packets) was full, out of {softnet.Processed.ToString(CultureInfo.InvariantCulture)} processed. The counter is cumulative: compare it before and after a load to see whether drops continue.",
            Sources.NetdevBacklog,
            "bursts that outrun the softirq wait in the backlog instead of being dropped",
            "A longer backlog holds more packets in memory and adds queueing delay when the CPU cannot keep up; if drops continue, the CPU is the limit (see RPS, GRO).",
            RiskLevel.Low,
            action,
            [new SysctlSetting(Key, proposed.ToString(CultureInfo.InvariantCulture))],
            note);
    }
}
