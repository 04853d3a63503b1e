using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Findings;

namespace PerfSuite.Tune.Rules;

/// <summary>tcp_slow_start_after_idle = 1 collapses a connection's congestion window after it has been idle for
/// one retransmission timeout, so connections that pause (request/response, gRPC, replication) re-enter slow
/// start again and again.</summary>
public sealed class SlowStartAfterIdleRule : ITuneRule
{
    public const string Id = "sysctl.tcp-slow-start-after-idle";
    private const string Key = TunableSysctls.TcpSlowStartAfterIdle;

    public IReadOnlyList<RuleDescription> Describes { get; } =
        [new(Id, "slow start after idle on", Sources.SlowStartAfterIdle)];

    public IEnumerable<Finding> Evaluate(TuneContext context)
    {
        if (!context.ReportsSysctls)
            yield break;
        if (context.Facts.Sysctl(Key) is not { AsNumber: 1 } fact)
            yield break;
        var (action, note) = SysctlActions.For(context, fact);
        yield return new Finding(
            $"{Id}@{Key}",
            Id,
            FindingSubject.Sysctl(Key),
            "1",
            "0",
            "With tcp_slow_start_after_idle = 1 (RFC 2861 behaviour), a connection idle for one RTO restarts from the initial congestion window. Pod traffic is dominated by long-lived connections that pause between requests, which then ramp up from 10 segments each time.",
            Sources.SlowStartAfterIdle,
            "paused connections resume at their previous window: lower latency for the first bytes after a pause, higher throughput for bursty flows",
            "A connection resumes at its old window even if the path got busier while it was idle: the first burst may meet loss. RFC 7661 discusses the trade-off.",
            RiskLevel.Low,
            action,
            [new SysctlSetting(Key, "0")],
            note);
    }
}
