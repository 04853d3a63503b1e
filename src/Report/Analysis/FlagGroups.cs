using System.Globalization;
using PerfSuite.Model.Results;

namespace PerfSuite.Report.Analysis;

/// <summary>Groups a report's flags by kind, one line each ("the repetitions disagree in 18 of 28 groups, worst p99
/// latency CV 58 % on host/kernel mtu 1500 default tcp-rr ×1"), so that a run with many noisy cells shows a handful of
/// lines instead of dozens of bullets. At most one line per <see cref="ReportFlagKind"/>, most serious first.</summary>
public static class FlagGroups
{
    public static IReadOnlyList<FlagGroup> Of(ReportAnalysis analysis)
    {
        var groups = analysis.Groups.Count;
        var streamGroups = analysis.Groups.Count(g => g.Test == TrafficTestNames.TcpStream);
        var rows = analysis.Rows.Count;
        return analysis.Flags
            .GroupBy(f => f.Kind)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var flags = g.OrderByDescending(f => f.Severity).ToList();
                var worst = flags[0];
                var n = flags.Select(f => f.Subject).Distinct().Count();
                var worstCase = $"{worst.Worst ?? worst.Short} on {worst.Subject}";
                var (title, headline) = g.Key switch
                {
                    ReportFlagKind.Interrupted => ("Interrupted", worst.Message),
                    ReportFlagKind.Failed => ("Failed repetitions", $"in {Count(n, groups, "group")}; worst {worstCase}. Failed repetitions count in no median."),
                    ReportFlagKind.AboveCeiling => ("Above the ceiling", $"goodput beats its wire in {Count(n, rows, "row")} (worst {worstCase}): the line rate, MTU or clock is wrong."),
                    ReportFlagKind.Skipped => ("Skipped", $"in {Count(n, groups, "group")}: {string.Join("; ", flags.Select(f => Reason(f.Message)).Distinct())}."),
                    ReportFlagKind.PodMtu => ("Pod MTU", $"not underlay MTU minus the datapath's overhead in {Count(n, rows, "row")}; worst {worstCase}."),
                    ReportFlagKind.PathMtu => ("Path MTU", $"the connection's path MTU differs from the pod MTU in {Count(n, groups, "group")}; worst {worstCase}."),
                    ReportFlagKind.HighVariation => ("Repetitions disagree",
                        $"CV above {ReportNumbers.Percent(ReportAnalyzer.HighCv)} in {Count(n, groups, "group")}, worst {worstCase}: differences smaller than the spread are noise, and the table marks only differences beyond it."),
                    ReportFlagKind.Retransmits => ("TCP retransmits", $"in {Count(n, streamGroups, "stream group")}, worst {worstCase}."),
                    ReportFlagKind.Userspace => ("Userspace substitutes",
                        $"{string.Join(", ", flags.Select(f => f.Subject).Distinct())} ran as userspace implementations because this kernel lacks the module: their cost is not the kernel datapath's."),
                    ReportFlagKind.CpuAccounting => ("CPU accounting",
                        $"the /proc/stat categories do not add up to CPUs × window in {Count(n, groups, "group")}, worst {worstCase}: there busy cores are a range (tick-sampled … idle-derived), see docs/methodology.md."),
                    _ => (g.Key.ToString(), $"{Count(n, groups, "group")}; worst {worstCase}."),
                };
                return new FlagGroup(g.Key, title, headline, flags);
            })
            .ToList();
    }

    private static string Count(int n, int total, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} of {total} {noun}{(total == 1 ? "" : "s")}");

    /// <summary>The reason part of a skipped flag's message ("… skipped: REASON.").</summary>
    private static string Reason(string message)
    {
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        return (colon >= 0 ? message[(colon + 2)..] : message).TrimEnd('.');
    }
}
