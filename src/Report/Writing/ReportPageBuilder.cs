using System.Globalization;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;
using PerfSuite.Report.Analysis;
using PerfSuite.Report.Figures;
using PerfSuite.Report.Pages;

namespace PerfSuite.Report.Writing;

/// <summary>Lays out a report with the answer first: one line of context, then per underlay MTU what each datapath
/// costs against native (goodput, CPU per Gbit, p99, marked only where the difference is real), then the key
/// figure; after that the evidence: findings, flags grouped by kind, each MTU's figures, every cell that produced
/// no numbers, every group of measurements, the run and its environment, and how the numbers were computed.</summary>
internal static class ReportPageBuilder
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <param name="fleet">A fleet run's section, placed after the key figure: which host stands out is an answer.</param>
    public static Page Build(ReportAnalysis analysis, ReportFigures figures, string? resultsName, IReadOnlyList<PageBlock>? fleet = null)
    {
        var document = analysis.Document;
        var blocks = new List<PageBlock>();

        var summaryMtus = analysis.Mtus.Where(m => SummaryRows(analysis, m).Count > 0).ToList();
        foreach (var mtu in analysis.Mtus)
        {
            var others = TestTables.For(analysis, mtu);
            if (!summaryMtus.Contains(mtu) && others.Count == 0)
                continue;
            blocks.Add(new PageHeading(2, $"Underlay MTU {I(mtu)}: cost against native"));
            if (summaryMtus.Contains(mtu))
            {
                if (others.Count > 0)
                    blocks.Add(new PageHeading(3, "tcp-stream and tcp-rr: goodput, CPU and latency"));
                // How to read the tables is said once, under the last one, so that the key figure stays close.
                blocks.Add(SummaryTable(analysis, mtu, explain: mtu == summaryMtus[^1]));
            }
            foreach (var (heading, table) in others)
            {
                blocks.Add(new PageHeading(3, heading));
                blocks.Add(table);
            }
        }

        if (figures.Key is { } key)
        {
            blocks.Add(new PageHeading(2, FigureHeading(key)));
            blocks.Add(new PageFigure(key));
        }

        blocks.AddRange(fleet ?? []);

        blocks.Add(new PageHeading(2, "Findings"));
        if (analysis.Findings.Count > 0)
            blocks.Add(new PageList(analysis.Findings.Select(f => new PageListItem(f)).ToList()));
        else
            blocks.Add(new PageParagraph("No finding: the run has no stream or request/response test with numbers to compare."));

        blocks.Add(new PageHeading(2, "Flags"));
        var flagGroups = FlagGroups.Of(analysis);
        if (flagGroups.Count > 0)
        {
            blocks.Add(new PageDetailsList(flagGroups.Select(g => new PageDetailsItem(
                g.Title, g.Headline, g.IsProblem ? PageTone.Problem : PageTone.Warning,
                g.Flags.Count == 1 ? "the cells" : $"all {I(g.Flags.Count)}",
                g.Flags.Select(f => new PageListItem(f.Message, Lead: f.Subject)).ToList())).ToList()));
        }
        else
        {
            blocks.Add(new PageParagraph("Nothing to flag: every cell ran, in the kernel, within its ceiling, with pod MTUs as expected, " +
                $"no retransmits and a coefficient of variation of at most {ReportNumbers.Percent(ReportAnalyzer.HighCv)}."));
        }

        if (figures.Overview is { } overview && overview != figures.Key)
        {
            blocks.Add(new PageHeading(2, FigureHeading(overview)));
            blocks.Add(new PageFigure(overview));
        }

        foreach (var (mtu, mtuFigures) in figures.ByMtu)
        {
            if (mtuFigures.Count == 0)
                continue;
            blocks.Add(new PageHeading(2, $"Underlay MTU {I(mtu)} in detail"));
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

        blocks.Add(new PageHeading(2, "Run and environment"));
        blocks.Add(EnvironmentTable(analysis, resultsName));

        blocks.Add(new PageHeading(2, "How the numbers were computed"));
        foreach (var paragraph in Method(analysis))
            blocks.Add(new PageParagraph(paragraph));

        return new Page($"PerfSuite report: {document.RunId}", [Context(analysis)], blocks);
    }

    /// <summary>One line: where (host, kernel, CPU, network), what (offload profiles), when and how long.</summary>
    internal static string Context(ReportAnalysis analysis)
    {
        var document = analysis.Document;
        var environment = document.Environment;
        var parts = FleetNics.IsFleet(environment)
            ? FleetContext(environment.Hosts!)
            : [$"host {environment.Hostname}", $"kernel {environment.Kernel}", string.Create(Invariant, $"{environment.CpuCount} × {environment.CpuModel}"), Network(analysis)];
        parts.Add((analysis.Profiles.Count == 1 ? "offloads " : "offload profiles ") + string.Join(", ", analysis.Profiles));
        var started = document.StartedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm", Invariant) + " UTC";
        parts.Add(document.FinishedUtc is { } finished
            ? $"{started}, {ReportNumbers.Number((finished - document.StartedUtc).TotalMinutes, 2)} min"
            : $"{started}, did not finish");
        // A fleet run's group holds every ordered pair's repetitions: say both, not pairs × repetitions as "repetitions".
        var shapes = document.Cells.GroupBy(CellGroupKey.Of)
            .Select(g => (Pairs: g.Select(c => (c.Sender, c.Receiver)).Distinct().Count(), Cells: g.Count()))
            .Select(g => g.Pairs > 1 && g.Cells % g.Pairs == 0 ? (g.Pairs, Reps: g.Cells / g.Pairs) : (Pairs: 1, Reps: g.Cells))
            .Distinct().ToList();
        parts.Add($"{I(document.Cells.Count)} cells" + (shapes is [var shape]
            ? shape.Pairs > 1
                ? $", {I(shape.Reps)} repetition{(shape.Reps == 1 ? "" : "s")} of each of {I(shape.Pairs)} ordered pairs"
                : $", {I(shape.Reps)} repetition{(shape.Reps == 1 ? "" : "s")} each"
            : ""));
        return string.Join(" · ", parts);
    }

    /// <summary>A fleet run's hosts (not the runner's, which only started it): how many, their kernels and CPUs, alike
    /// ones together, and their NICs under test.</summary>
    private static List<string> FleetContext(IReadOnlyList<FleetHost> hosts)
    {
        static string Alike(IReadOnlyList<FleetHost> hosts, Func<RunEnvironment, string> value)
        {
            var groups = hosts.GroupBy(h => value(h.Environment), StringComparer.Ordinal).ToList();
            return groups.Count == 1 ? groups[0].Key : string.Join(", ", groups.Select(g => $"{g.Key} ({string.Join(", ", g.Select(h => h.Name))})"));
        }
        const int Named = 6;
        var names = hosts.Count <= Named ? string.Join(", ", hosts.Select(h => h.Name)) : string.Join(", ", hosts.Take(Named).Select(h => h.Name)) + ", …";
        return
        [
            string.Create(Invariant, $"fleet of {hosts.Count} hosts ({names})"),
            "kernel " + Alike(hosts, e => e.Kernel),
            Alike(hosts, e => string.Create(Invariant, $"{e.CpuCount} × {e.CpuModel}")),
            "NIC under test " + FleetNics.Summary(hosts),
        ];
    }

    /// <summary>Why a run has no line rate: the environment table's reason and the summary caption's sentence.</summary>
    private static (string Reason, string Sentence) NoLineRate(RunEnvironment environment) =>
        FleetNics.IsFleet(environment) ? ("no NIC under test reports a link speed; a veth has no wire", "No NIC under test reports a link speed")
        : environment.Peer is not null ? ("neither host's traffic interface is a physical NIC that reports a link speed", "Neither host reports a link speed")
        : ("a lab over veth pairs has no wire", "A lab has no wire");

    private static string Network(ReportAnalysis analysis)
    {
        var environment = analysis.Document.Environment;
        var nics = environment.Probe
            .SelectMany(p => p.Interfaces)
            .Where(i => i.Kind is null && i.Name != "lo" && i.Driver is { Driver.Length: > 0 } && i.Driver.Driver != "veth")
            .Select(i => $"{i.Name} ({i.Driver!.Driver}{(i.Link?.SpeedMbps is > 0 and < uint.MaxValue ? $", {ReportNumbers.Number(i.Link.SpeedMbps.Value / 1000.0, 3)} Gb/s" : "")})")
            .Distinct()
            .ToList();
        var peer = environment.Peer is { } p ? $" to {p.Hostname}" : "";
        // A lab probes its own namespaces; its traffic crosses veth pairs only, whatever NIC the host has.
        if (peer.Length == 0 && environment.Probe.Any(probe => probe.Netns is not null))
            return "lab over veth pairs (no NIC on the path)";
        if (nics.Count > 0)
            return $"NIC {string.Join(", ", nics)}{peer}";
        return peer.Length > 0 ? $"remote{peer}" : "lab over veth pairs (no NIC)";
    }

    private static string FigureHeading(Figure figure)
    {
        // The figure's own title repeats the MTU, which the section heading already says.
        var cut = figure.Title.IndexOf(", underlay MTU", StringComparison.Ordinal);
        return cut > 0 ? figure.Title[..cut] : figure.Title;
    }

    private static PageTable SummaryTable(ReportAnalysis analysis, int mtu, bool explain)
    {
        var rows = SummaryRows(analysis, mtu);
        var profiles = rows.Select(r => r.Offloads).Distinct().Count() > 1;
        var streams = rows.Select(r => r.Streams).Where(s => s is not null).Distinct().Count() > 1;
        var ceiling = analysis.LineRate is not null || rows.Any(r => r.CeilingBps is not null);
        var comparisons = rows.Select(r => r.VsNative).OfType<NativeComparison>().ToList();
        var goodputInterval = CoverageText.Short(comparisons.Select(c => c.Goodput));
        var cpuInterval = CoverageText.Short(comparisons.Select(c => c.CpuPerGbit));
        var latencyInterval = CoverageText.Short(comparisons.Select(c => c.LatencyP99));

        var columns = new List<PageColumn> { new("datapath"), new("impl") };
        if (profiles)
            columns.Add(new("offloads"));
        if (streams)
            columns.Add(new("streams", true));
        columns.Add(new("Gbit/s", true));
        columns.Add(new($"of native ({goodputInterval})", true));
        if (ceiling)
            columns.Add(new("efficiency", true));
        columns.Add(new("core·s/Gbit", true));
        columns.Add(new($"× native ({cpuInterval})", true));
        columns.Add(new("p99 µs (n)", true));
        columns.Add(new($"p99 vs native µs ({latencyInterval})", true));
        columns.Add(new("notes"));

        var table = new List<PageRow>();
        foreach (var row in rows)
        {
            var native = ReportAnalyzer.IsNative(row);
            var versus = row.VsNative;
            var cells = new List<PageCell> { row.Path, Impl(row.Impl) };
            if (profiles)
                cells.Add(row.Offloads);
            if (streams)
                cells.Add(row.Streams is { } s ? I(s) : "—");
            cells.Add(row.Goodput is { } g
                ? ReportNumbers.Gbit(g.Median)
                : new PageCell(row.Stream is null ? "—" : NoNumbers(row.Stream), row.Stream is null ? PageTone.Normal : PageTone.Muted));
            cells.Add(native && row.Goodput is not null ? "reference"
                : versus?.Goodput is { } gr ? $"{ReportNumbers.Percent(gr.Estimate)} ({ReportNumbers.Points(gr.Lower)}–{ReportNumbers.Points(gr.Upper)}){Mark(versus.GoodputVerdict)}"
                : "—");
            if (ceiling)
                cells.Add(row.Efficiency is { } e ? new PageCell(ReportNumbers.Percent(e), e > 1 ? PageTone.Problem : PageTone.Normal) : "—");
            cells.Add(row.CoreSecondsPerGbit is { } cpu ? ReportNumbers.Cores(cpu.Median) : "—");
            cells.Add(native && row.CoreSecondsPerGbit is not null ? "reference"
                : versus?.CpuPerGbit is { } cr ? $"{ReportNumbers.Ratio(cr.Estimate)} ({ReportNumbers.Number(cr.Lower)}–{ReportNumbers.Number(cr.Upper)}){Mark(versus.CpuVerdict)}"
                : "—");
            cells.Add(row.LatencyP99 is { } p99
                ? ReportNumbers.Number(p99.Median, 3) + (row.LatencySamples is { } n ? $" ({ReportNumbers.Significant(n, 3)})" : "")
                : "—");
            cells.Add(native && row.LatencyP99 is not null ? "reference"
                : versus?.LatencyP99 is { } lr ? $"{ReportNumbers.Signed(lr.Estimate)} ({ReportNumbers.Signed(lr.Lower)} … {ReportNumbers.Signed(lr.Upper)}){Mark(versus.LatencyVerdict)}"
                : "—");
            cells.Add(string.Join("; ", row.Flags.Where(x => x.Kind != ReportFlagKind.Userspace).Select(x => x.Short).Distinct()));
            var tone = row.Flags.Any(x => x.IsProblem) ? PageTone.Problem
                : row.Ok == 0 ? PageTone.Muted
                : PageTone.Normal;
            table.Add(new PageRow(cells, tone));
        }
        var streamsNote = analysis.PrimaryStreams is { } count && !streams ? $", {I(count)} stream{(count == 1 ? "" : "s")}" : "";
        var reference = analysis.LineRate is not null ? ""
            : $" {NoLineRate(analysis.Document.Environment).Sentence}, so there is no line rate and no efficiency against a ceiling.";
        if (!explain)
            return new PageTable(columns, table, StackOnNarrow: true);
        return new PageTable(columns, table, StackOnNarrow: true, Caption:
            $"Gbit/s: median goodput of tcp-stream{streamsNote}; core·s/Gbit: busy node CPU per Gbit/s of goodput; p99 µs: median over the repetitions " +
            "of each repetition's tcp-rr p99; n: the transactions each repetition's percentiles come from (1 % of them lie beyond p99). " +
            "Against native at the same MTU and profile: Hodges–Lehmann ratio (goodput, CPU) or shift (p99) of the repetitions with Moses' interval. " +
            "▲ ▼ mark a difference beyond the noise: the ratio's interval excludes 1, and for p99 the whole interval lies more than one histogram " +
            "bucket from zero; no mark: not distinguishable from native with these repetitions." + reference);
    }

    /// <summary>The rows with a tcp-stream or tcp-rr group: a datapath measured only with udp-stream or tcp-crr has
    /// its line in those tests' tables instead of a line of dashes here.</summary>
    private static List<DatapathRow> SummaryRows(ReportAnalysis analysis, int mtu) =>
        analysis.Rows.Where(r => r.UnderlayMtu == mtu && (r.Stream is not null || r.RequestResponse is not null)).ToList();

    private static string Mark(int verdict) => verdict switch { > 0 => " ▲", < 0 => " ▼", _ => "" };

    private static PageTable AllGroupsTable(ReportAnalysis analysis)
    {
        var summaries = analysis.Groups.Select(g => MainMetric(g).Summary).ToList();
        var columns = new List<PageColumn>
        {
            new("datapath"), new("impl"), new("MTU", true), new("offloads"), new("test"), new("streams", true),
            new("ok", true), new("failed", true), new("skipped", true), new("main metric"), new($"median ({CoverageText.Short(summaries)})", true), new("CV", true),
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
        return new PageTable(columns, rows, "Every group of repetitions in the results, whatever its test, with the metric that test is about; " +
            $"the interval is {CoverageText.Sentence(summaries)}.");
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

    /// <summary>Where the agents ran and, per path, which receive queues were steered to which CPUs (docs/methodology.md
    /// "CPU placement"); nothing for a run whose cells record no placement (written before issue 14, or a remote run).</summary>
    private static IEnumerable<PageRow> PlacementRows(ResultsDocument document)
    {
        var placed = document.Cells.Where(c => c.Status == CellStatus.Ok && c.Placement is not null).ToList();
        foreach (var description in placed.Select(c => c.Placement!.Describe()).Distinct())
            yield return new PageRow(["agent CPUs", description]);
        foreach (var path in placed.Where(c => c.Placement!.Steering is not null).GroupBy(c => c.Path))
        {
            foreach (var steering in path.Select(c => c.Placement!).Select(p => (p.DescribeSteering()!, string.Join("; ", p.Steering!))).Distinct())
                yield return new PageRow([$"receive steering, {path.Key}", steering.Item2.Length == 0 ? steering.Item1 : $"{steering.Item1}: {steering.Item2}"]);
        }
    }

    private static PageTable EnvironmentTable(ReportAnalysis analysis, string? resultsName)
    {
        var document = analysis.Document;
        var environment = document.Environment;
        var rows = new List<PageRow>
        {
            new(["run", document.RunId]),
            new(["started", document.StartedUtc.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", Invariant) + " UTC"]),
            new(["finished", document.FinishedUtc is { } f ? f.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", Invariant) + " UTC" : "did not finish (recovered from its journal)"]),
            new(["command", "perfsuite " + string.Join(' ', document.CommandLine)]),
            new(["cells", $"{I(document.Cells.Count)} in {I(analysis.Groups.Count)} groups: " + string.Join(", ", analysis.Groups.Select(g => g.Test).Distinct())]),
            new(["line rate", analysis.LineRate is { } rate
                ? $"{ReportNumbers.Gbit(rate.Bps)} Gbit/s, from {rate.Source}"
                : $"none ({NoLineRate(environment).Reason}): goodput is shown relative to native, wire overhead computed from the MTUs"]),
        };
        if (resultsName is not null)
            rows.Add(new PageRow(["results", resultsName]));
        // A fleet run's runner only started it: its kernel and CPU are labelled as the runner's, and the sysctls and
        // interfaces shown are the hosts' (every host's value, alike hosts together), not the runner's.
        var fleet = environment.Hosts is { Count: > 0 } hosts ? hosts : null;
        var runner = fleet is null ? "" : "runner ";
        rows.AddRange(new List<PageRow>
        {
            new([fleet is null ? "host" : "runner", environment.Hostname]),
            new([runner + "kernel", environment.Kernel]),
            new([runner + "CPU", string.Create(Invariant, $"{environment.CpuModel} × {environment.CpuCount}")]),
            new([runner + "memory", string.Create(Invariant, $"{ReportNumbers.Number(environment.MemoryBytes / (double)(1L << 30), 3)} GiB")]),
            new(["tool", environment.Tool]),
        });
        rows.AddRange(PlacementRows(document));
        if (fleet is null)
        {
            foreach (var (name, value) in environment.Sysctls.OrderBy(s => s.Key, StringComparer.Ordinal))
                rows.Add(new PageRow([name, value]));
            foreach (var probe in environment.Probe)
            {
                foreach (var nic in probe.Interfaces)
                    rows.Add(new PageRow([$"{probe.Netns ?? "host"}/{nic.Name}", Interface(nic)]));
            }
        }
        else
        {
            foreach (var name in fleet.SelectMany(h => h.Environment.Sysctls.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var groups = fleet.GroupBy(h => h.Environment.Sysctls.TryGetValue(name, out var v) ? v : "not read", StringComparer.Ordinal).ToList();
                rows.Add(new PageRow([name, groups.Count == 1
                    ? $"{groups[0].Key} (all {I(fleet.Count)} hosts)"
                    : string.Join("; ", groups.Select(g => $"{string.Join(", ", g.Select(h => h.Name))}: {g.Key}"))]));
            }
            foreach (var host in fleet)
            {
                foreach (var nic in host.Environment.Probe.SelectMany(p => p.Interfaces))
                    rows.Add(new PageRow([$"{host.Name}/{nic.Name}", (nic.Name == host.Nic ? "NIC under test: " : "under it: ") + Interface(nic)]));
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

    /// <summary>One interface of a probe snapshot: kind, MTU, driver, reported speed, the features that are off.</summary>
    private static string Interface(Model.Probe.InterfaceSnapshot nic)
    {
        var parts = new List<string> { $"{nic.Kind ?? "device"}, MTU {I(nic.Mtu)}" };
        if (nic.Driver is { Driver.Length: > 0 } driver)
            parts.Add($"driver {driver.Driver}{(driver.FirmwareVersion.Length > 0 ? " firmware " + driver.FirmwareVersion : "")}");
        if (nic.Link?.SpeedMbps is { } speed)
            parts.Add($"{I((int)speed)} Mb/s reported");
        var off = nic.Features.Where(f => f.Available && !f.Active).Select(f => f.Name).ToList();
        if (off.Count > 0)
            parts.Add("off: " + string.Join(", ", off));
        return string.Join("; ", parts);
    }

    private static IEnumerable<string> Method(ReportAnalysis analysis)
    {
        var summaries = analysis.Groups.SelectMany(g => g.Metrics.Values).ToList();
        yield return "Every number is the median over the repetitions of a cell (never the mean), with an interval of that median that states " +
            $"its own coverage; here {CoverageText.Sentence(summaries)}. More repetitions narrow the intervals and raise their coverage; " +
            $"a coefficient of variation (standard deviation / mean) above {ReportNumbers.Percent(ReportAnalyzer.HighCv)} is flagged.";
        yield return "Against native, each datapath's repetitions are compared with native's by the Hodges–Lehmann estimate (the median of " +
            "all pairwise ratios, or differences for latency) with Moses' distribution-free interval, as the regression gate does; with three " +
            "repetitions a side the widest such interval covers 90 %. A difference is stated, and marked ▲ or ▼, only where that interval " +
            "excludes no change. Latency percentiles come from a log-linear histogram (128 buckets per power of two, a percentile reported " +
            "as its bucket's middle), so two p99s one bucket apart (1.02 µs between 131 and 262 µs) differ by a bucket whatever the truth: " +
            "a p99 difference is stated only where its whole interval lies more than one bucket from zero. A p99 rests on the slowest 1 % of " +
            "a repetition's transactions; the tables give the transaction count.";
        yield return "CPU is the whole node's busy time from /proc/stat over exactly the measurement window: user + nice + system + irq + " +
            "softirq + steal, in cores; core-seconds per Gbit divide it by the goodput in Gbit/s. Softirq counts: receive offload, " +
            "decapsulation, forwarding and the bridge run there.";
        yield return "Wire overhead: the goodput ceiling is L·P/W (RFC 6349 §4.1.1, generalised): payload P = pod MTU − 52 bytes of inner " +
            "IPv4+TCP headers with timestamps, wire bytes W = pod MTU + encapsulation + 38 bytes of Ethernet framing. The share of native's " +
            "ceiling a datapath's extra bytes cost needs no line rate, since it cancels out; the rest of a gap to native is datapath cost.";
        yield return analysis.LineRate is null
            ? "Efficiency against the ceiling needs a line rate, which a lab has none of; a remote or fleet run over physical NICs that report a link speed has one."
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
