using System.Globalization;
using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>tcp_notsent_lowat unlimited: a sender may queue its whole send buffer of not-yet-sent data. A limit
/// keeps memory and the latency of multiplexed streams down, but one too low costs bulk throughput, so it is a
/// measurement, not a rule of thumb.</summary>
public sealed class NotsentLowatRule : ITuneRule
{
    public const string Id = "sysctl.tcp-notsent-lowat";
    private const string Key = TunableSysctls.TcpNotsentLowat;
    public const long Proposed = 128 * 1024;

    public IReadOnlyList<RuleDescription> Describes { get; } =
        [new(Id, "unsent data per socket unlimited: measure a limit", Sources.NotsentLowat)];

    public IEnumerable<Finding> Evaluate(TuneContext context)
    {
        if (!context.ReportsSysctls)
            yield break;
        if (context.Facts.Sysctl(Key) is not { AsNumber: { } value } fact || value < uint.MaxValue)
            yield break;
        var (action, note) = SysctlActions.For(context, fact);
        if (action == FindingAction.Apply)
            (action, note) = (FindingAction.Measure, "measured, not applied: only tune --apply --verify changes it, and keeps the change only if it measures better");
        var proposed = Proposed.ToString(CultureInfo.InvariantCulture);
        yield return new Finding(
            $"{Id}@{Key}",
            Id,
            FindingSubject.Sysctl(Key),
            value.ToString(CultureInfo.InvariantCulture),
            proposed,
            $"tcp_notsent_lowat is unlimited ({value.ToString(CultureInfo.InvariantCulture)}): each socket may hold its whole send buffer as unsent data, which the application cannot take back or reprioritise and which costs memory per connection.",
            Sources.NotsentLowat,
            "less memory in unsent data and lower latency for streams sharing a connection; bulk throughput unchanged if the limit covers what the application writes between wake-ups",
            "Too low a limit wakes the sender more often and can cap bulk throughput on high-BDP paths; measure both states.",
            RiskLevel.Medium,
            action,
            [new SysctlSetting(Key, proposed)],
            note);
    }
}
