using System.Globalization;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;
using PerfSuite.Report.Analysis;
using PerfSuite.Report.Figures;
using PerfSuite.Report.Pages;

namespace PerfSuite.Report.Writing;

/// <summary>Lays out a report: findings and flags first (what a reader must know), the overview figure, then per
/// underlay MTU the summary table and that MTU's figures, then every cell that produced no numbers, every group
/// of measurements, the environment and how the numbers were computed.</summary>
internal static class ReportPageBuilder
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static Page Build(ReportAnalysis analysis, ReportFigures figures, string? resultsName)
    {
        var document = analysis.Document;
        var blocks = new List<PageBlock>();

        blocks.Add(new PageHeading(2, "Findings"));
        if (analysis.Findings.Count > 0)
            blocks.Add(new PageList(analysis.Findings.Select(f => new PageListItem(f)).ToList()));
        else
            blocks.Add(new PageParagraph("No finding: the run has no stream or request/response test with numbers to compare."));

        blocks.Add(new PageHeading(2, "Flags"));
        if (analysis.Flags.Count > 0)
        {
            blocks.Add(new PageList(analysis.Flags
                .Select(f => new PageListItem(f.Message, f.IsProblem ? PageTone.Problem : PageTone.Warning, f.Subject))
                .ToList()));
        }
        else
        {
            blocks.Add(new PageParagraph("Nothing to flag: every cell ran, in the kernel, within its ceiling, with pod MTUs as expected, " +
                $"no retransmits and a coefficient of variation of at most {ReportNumbers.Percent(ReportAnalyzer.HighCv)}."));
        }

        if (figures.Overview is { } overview)
        {
            blocks.Add(new PageHeading(2, "Goodput against encapsulation overhead"));
            blocks.Add(new PageFigure(overview));
        }

        foreach (var (mtu, mtuFigures) in figures.ByMtu)
        {
            blocks.Add(new PageHeading(2, $"Underlay MTU {I(mtu)}"));
            blocks.Add(SummaryTable(analysis, mtu));
            foreach (var figure in mtuFigures)
            {
                blocks.Add(new PageHeading(3, FigureHeading(figure)));
                blocks.Add(new PageFigure(figure));
            }
        }

        var notOk = analysis.NotOkCells;
        if (notOk.Count > 0)
        {
            blocks.Add(new PageHeading(2, "Cells without numbers"));
            blocks.Add(new PageParagraph("Failed and skipped cells stay in the report with their reason; they count in no median."));
            blocks.Add(new PageTable(
                [new("datapath"), new("impl"), new("MTU", true), new("offloads"), new("test"), new("rep", true), new("status"), new("reason")],
                notOk.Select(c => new PageRow(
                [
                    c.Path, Impl(c.Impl), I(c.UnderlayMtu), c.Offloads, c.Test, I(c.Rep),
                    new PageCell(c.Status == CellStatus.Failed ? "failed" : "skipped", c.Status == CellStatus.Failed ? PageTone.Problem : PageTone.Muted),
                    c.Reason ?? "no reason recorded",
                ], c.Status == CellStatus.Failed ? PageTone.Problem : PageTone.Muted)).ToList()));
        }

        blocks.Add(new PageHeading(2, "All measurements"));
        blocks.Add(AllGroupsTable(analysis));

        blocks.Add(new PageHeading(2, "Environment"));
        blocks.Add(EnvironmentTable(document.Environment));

        blocks.Add(new PageHeading(2, "How the numbers were computed"));
        foreach (var paragraph in Method(analysis))
            blocks.Add(new PageParagraph(paragraph));

        return new Page($"PerfSuite report: {document.RunId}", Summary(analysis, resultsName), blocks);
    }

    private static List<string> Summary(ReportAnalysis analysis, string? resultsName)
    {
        var document = analysis.Document;
        var environment = document.Environment;
        var lines = new List<string>
        {
            string.Create(Invariant, $"Host {environment.Hostname}, kernel {environment.Kernel}, {environment.CpuModel} × {environment.CpuCount}, {environment.Tool}"),
            document.FinishedUtc is { } finished
                ? string.Create(Invariant, $"Run from {document.StartedUtc.UtcDateTime:yyyy-MM-dd HH:mm} to {finished.UtcDateTime:HH:mm} UTC ({ReportNumbers.Number((finished - document.StartedUtc).TotalMinutes, 2)} min)")
                : string.Create(Invariant, $"Run started {document.StartedUtc.UtcDateTime:yyyy-MM-dd HH:mm} UTC and did not finish (recovered from its journal)"),
            analysis.LineRate is { } rate
                ? $"Line rate {ReportNumbers.Gbit(rate.Bps)} Gbit/s, from {rate.Source}: goodput is shown against its ceiling"
                : "No line rate (a lab over veth pairs has no wire): goodput is shown relative to native, and the encapsulation's wire overhead is computed from the MTUs alone",
            $"{document.Cells.Count} cells in {analysis.Groups.Count} groups: " +
                string.Join(", ", analysis.Groups.Select(g => g.Test).Distinct()) + "; underlay MTU " + string.Join(" and ", analysis.Mtus.Select(I)) +
                "; offload profiles " + string.Join(", ", analysis.Profiles),
            "Command: perfsuite " + string.Join(' ', document.CommandLine),
        };
        if (resultsName is not null)
            lines.Add($"Results: {resultsName}");
        return lines;
    }

    private static string FigureHeading(Figure figure)
    {
        // The figure's own title repeats the MTU, which the section heading already says.
        var cut = figure.Title.IndexOf(", underlay MTU", StringComparison.Ordinal);
        return cut > 0 ? figure.Title[..cut] : figure.Title;
    }

    private static PageTable SummaryTable(ReportAnalysis analysis, int mtu)
    {
        var rows = analysis.Rows.Where(r => r.UnderlayMtu == mtu).ToList();
        var profiles = rows.Select(r => r.Offloads).Distinct().Count() > 1;
        var streams = rows.Select(r => r.Streams).Where(s => s is not null).Distinct().Count() > 1;
        var ceiling = analysis.LineRate is not null || rows.Any(r => r.CeilingBps is not null);

        var columns = new List<PageColumn> { new("datapath"), new("impl") };
        if (profiles)
            columns.Add(new("offloads"));
        if (streams)
            columns.Add(new("streams", true));
        columns.Add(new("pod MTU", true));
        columns.Add(new("Gbit/s (95 % interval)", true));
        columns.Add(new("of native", true));
        if (ceiling)
        {
            columns.Add(new("ceiling Gbit/s", true));
            columns.Add(new("efficiency", true));
        }
        columns.Add(new("core·s/Gbit", true));
        columns.Add(new("p99 µs", true));
        columns.Add(new("retransmits", true));
        columns.Add(new("CV", true));
        columns.Add(new("notes"));

        var table = new List<PageRow>();
        foreach (var row in rows)
        {
            var cells = new List<PageCell> { row.Path, Impl(row.Impl) };
            if (profiles)
                cells.Add(row.Offloads);
            if (streams)
                cells.Add(row.Streams is { } s ? I(s) : "—");
            var podFlag = row.Flags.FirstOrDefault(f => f.Kind is ReportFlagKind.PodMtu or ReportFlagKind.PathMtu);
            cells.Add(new PageCell(row.PodMtu is { } pod ? I(pod) : "—", podFlag is null ? PageTone.Normal : PageTone.Warning));
            cells.Add(row.Goodput is { } g
                ? $"{ReportNumbers.Gbit(g.Median)} ({ReportNumbers.Gbit(g.Lower)}–{ReportNumbers.Gbit(g.Upper)})"
                : new PageCell(row.Stream is null ? "—" : NoNumbers(row.Stream), row.Stream is null ? PageTone.Normal : PageTone.Muted));
            cells.Add(row.NativeFraction is { } f ? ReportNumbers.Percent(f) : "—");
            if (ceiling)
            {
                cells.Add(row.CeilingBps is { } c ? ReportNumbers.Gbit(c) : "—");
                cells.Add(row.Efficiency is { } e ? new PageCell(ReportNumbers.Percent(e), e > 1 ? PageTone.Problem : PageTone.Normal) : "—");
            }
            cells.Add(row.CoreSecondsPerGbit is { } cpu ? ReportNumbers.Cores(cpu.Median) : "—");
            cells.Add(row.LatencyP99 is { } p99 ? ReportNumbers.Number(p99.Median, 3) : "—");
            cells.Add(row.Retransmits is { } r ? new PageCell(ReportNumbers.Count(r.Median), r.Max > 0 ? PageTone.Warning : PageTone.Normal) : "—");
            cells.Add(row.Goodput?.Cv is { } cv ? new PageCell(ReportNumbers.Percent(cv), cv > ReportAnalyzer.HighCv ? PageTone.Warning : PageTone.Normal) : "—");
            cells.Add(string.Join("; ", row.Flags.Select(x => x.Short).Distinct()));
            var tone = row.Flags.Any(x => x.IsProblem) ? PageTone.Problem
                : row.Ok == 0 ? PageTone.Muted
                : row.Flags.Count > 0 ? PageTone.Warning
                : PageTone.Normal;
            table.Add(new PageRow(cells, tone));
        }
        var streamsNote = analysis.PrimaryStreams is { } n && !streams ? $", {I(n)} stream{(n == 1 ? "" : "s")}" : "";
        return new PageTable(columns, table,
            $"Gbit/s: goodput of the stream test (tcp-stream{streamsNote}), median over the repetitions with the 95 % interval of the median; " +
            "of native: against native at the same MTU, profile and stream count; core·s/Gbit: busy node CPU per Gbit/s of goodput; " +
            "p99 µs: request/response (tcp-rr) latency; retransmits: median per repetition; CV: goodput's coefficient of variation.");
    }

    private static PageTable AllGroupsTable(ReportAnalysis analysis)
    {
        var columns = new List<PageColumn>
        {
            new("datapath"), new("impl"), new("MTU", true), new("offloads"), new("test"), new("streams", true),
            new("ok", true), new("failed", true), new("skipped", true), new("main metric"), new("median (95 % interval)", true), new("CV", true),
        };
        var rows = new List<PageRow>();
        foreach (var group in analysis.Groups
            .OrderBy(g => g.UnderlayMtu).ThenBy(g => g.Test).ThenBy(g => analysis.Profiles.ToList().IndexOf(g.Offloads))
            .ThenBy(g => DatapathLabels.SortKey(g.Path, g.Impl)).ThenBy(g => g.Streams))
        {
            var (metric, summary) = MainMetric(group);
            rows.Add(new PageRow(
            [
                group.Path, Impl(group.Impl), I(group.UnderlayMtu), group.Offloads, group.Test, I(group.Streams),
                I(group.Ok),
                new PageCell(I(group.Failed), group.Failed > 0 ? PageTone.Problem : PageTone.Normal),
                new PageCell(I(group.Skipped), group.Skipped > 0 ? PageTone.Muted : PageTone.Normal),
                metric is null ? "—" : MetricHeading(metric),
                summary is null ? "—" : $"{Value(metric!, summary.Median)} ({Value(metric!, summary.Lower)}–{Value(metric!, summary.Upper)})",
                summary?.Cv is { } cv ? new PageCell(ReportNumbers.Percent(cv), cv > ReportAnalyzer.HighCv ? PageTone.Warning : PageTone.Normal) : "—",
            ], group.Ok == 0 ? PageTone.Muted : PageTone.Normal));
        }
        return new PageTable(columns, rows, "Every group of repetitions in the results, whatever its test, with the metric that test is about.");
    }

    private static (ResultMetric? Metric, MetricSummary? Summary) MainMetric(GroupSummary group)
    {
        var candidates = group.Test switch
        {
            TrafficTestNames.TcpStream => new[] { ResultMetrics.GoodputBps },
            TrafficTestNames.TcpRr => [ResultMetrics.TransactionsPerSecond, ResultMetrics.LatencyP99],
            TrafficTestNames.TcpCrr => [ResultMetrics.ConnectionsPerSecond],
            TrafficTestNames.UdpStream => [ResultMetrics.GoodputBps, ResultMetrics.UdpLossPercent],
            _ => [ResultMetrics.GoodputBps, ResultMetrics.TransactionsPerSecond, ResultMetrics.ConnectionsPerSecond],
        };
        foreach (var metric in candidates)
        {
            if (DatapathRow.Metric(group, metric) is { } summary)
                return (metric, summary);
        }
        return (candidates[0], null);
    }

    private static string MetricHeading(ResultMetric metric) => metric.Unit switch
    {
        "bit/s" => ReportAnalyzer.MetricLabel(metric) + " (Gbit/s)",
        "tx/s" or "conn/s" => ReportAnalyzer.MetricLabel(metric),
        _ => $"{ReportAnalyzer.MetricLabel(metric)} ({metric.Unit})",
    };

    private static string Value(ResultMetric metric, double value) =>
        metric.Unit == "bit/s" ? ReportNumbers.Gbit(value) : ReportNumbers.Number(value, 3);

    private static PageTable EnvironmentTable(RunEnvironment environment)
    {
        var rows = new List<PageRow>
        {
            new(["host", environment.Hostname]),
            new(["kernel", environment.Kernel]),
            new(["CPU", string.Create(Invariant, $"{environment.CpuModel} × {environment.CpuCount}")]),
            new(["memory", string.Create(Invariant, $"{ReportNumbers.Number(environment.MemoryBytes / (double)(1L << 30), 3)} GiB")]),
            new(["tool", environment.Tool]),
        };
        foreach (var (name, value) in environment.Sysctls.OrderBy(s => s.Key, StringComparer.Ordinal))
            rows.Add(new PageRow([name, value]));
        foreach (var probe in environment.Probe)
        {
            foreach (var nic in probe.Interfaces)
            {
                var parts = new List<string> { $"{nic.Kind ?? "device"}, MTU {I(nic.Mtu)}" };
                if (nic.Driver is { Driver.Length: > 0 } driver)
                    parts.Add($"driver {driver.Driver}{(driver.FirmwareVersion.Length > 0 ? " firmware " + driver.FirmwareVersion : "")}");
                if (nic.Link?.SpeedMbps is { } speed)
                    parts.Add($"{I((int)speed)} Mb/s reported");
                var off = nic.Features.Where(f => f.Available && !f.Active).Select(f => f.Name).ToList();
                if (off.Count > 0)
                    parts.Add("off: " + string.Join(", ", off));
                rows.Add(new PageRow([$"{probe.Netns ?? "host"}/{nic.Name}", string.Join("; ", parts)]));
            }
        }
        if (environment.Peer is { } peer)
        {
            rows.Add(new PageRow(["peer host", peer.Hostname]));
            rows.Add(new PageRow(["peer kernel", peer.Kernel]));
            rows.Add(new PageRow(["peer CPU", string.Create(Invariant, $"{peer.CpuModel} × {peer.CpuCount}")]));
        }
        return new PageTable([new("what"), new("value")], rows);
    }

    private static IEnumerable<string> Method(ReportAnalysis analysis)
    {
        yield return "Every number is the median over the repetitions of a cell (never the mean), with a 95 % interval of that median: " +
            "distribution-free order statistics from six repetitions on, a seeded percentile bootstrap below that, which with so few " +
            "values is narrower than the truth. More repetitions narrow the intervals; the coefficient of variation (standard deviation / mean) " +
            $"above {ReportNumbers.Percent(ReportAnalyzer.HighCv)} is flagged.";
        yield return "CPU is the whole node's busy time from /proc/stat over exactly the measurement window: user + nice + system + irq + " +
            "softirq + steal, in cores; core-seconds per Gbit divide it by the goodput in Gbit/s. Softirq counts: receive offload, " +
            "decapsulation, forwarding and the bridge run there.";
        yield return "Wire overhead: the goodput ceiling is L·P/W (RFC 6349 §4.1.1, generalised): payload P = pod MTU − 52 bytes of inner " +
            "IPv4+TCP headers with timestamps, wire bytes W = pod MTU + encapsulation + 38 bytes of Ethernet framing. The share of native's " +
            "ceiling a datapath's extra bytes cost needs no line rate, since it cancels out; the rest of a gap to native is datapath cost.";
        yield return analysis.LineRate is null
            ? "Efficiency against the ceiling needs a line rate, which a lab has none of; a remote run on real NICs has one."
            : "Efficiency is median goodput / ceiling; above 100 % means the line rate, MTU or clock is wrong, and is flagged.";
        if (analysis.OffloadComparisons.Count > 0)
        {
            yield return $"Offload profiles are compared with {analysis.BaseProfile} by the Hodges–Lehmann estimate of the ratio of the " +
                "repetitions and Moses' distribution-free interval, as the regression gate does; with three repetitions a side the widest such interval covers 90 %.";
        }
    }

    private static string NoNumbers(GroupSummary group) =>
        group.Skipped > 0 && group.Failed == 0 ? "skipped" : group.Failed > 0 && group.Skipped == 0 ? "failed" : "no numbers";

    private static string Impl(DatapathImplementation impl) => impl == DatapathImplementation.Kernel ? "kernel" : "userspace";

    private static string I(int value) => value.ToString(Invariant);
}
