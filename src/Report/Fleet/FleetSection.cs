using System.Globalization;
using PerfSuite.Model.Fleet;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;
using PerfSuite.Report.Analysis;
using PerfSuite.Report.Figures;
using PerfSuite.Report.Pages;

namespace PerfSuite.Report.Fleet;

/// <summary>The fleet part of a report (<c>run --hosts</c>): the hosts, the ones that stand out with the settings
/// that differ, a sender × receiver heatmap per datapath, and what each offload profile changes against the base
/// profile across the fleet. Empty for lab and remote runs, whose reports stay as they were.</summary>
/// <param name="Blocks">The section, headings included; empty when the run is not a fleet run.</param>
/// <param name="Figures">The heatmaps the blocks show.</param>
internal sealed record FleetSection(IReadOnlyList<PageBlock> Blocks, IReadOnlyList<Figure> Figures)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static FleetSection Build(ResultsDocument document)
    {
        if (!FleetAnalyzer.IsFleet(document.Cells))
            return new FleetSection([], []);
        var analysis = document.Fleet ?? FleetAnalyzer.Analyze(document.Cells, document.Environment)!;
        var hosts = analysis.Hosts;
        var blocks = new List<PageBlock> { new PageHeading(2, $"Fleet: {I(hosts.Count)} hosts") };
        blocks.Add(HostsTable(document, hosts));

        blocks.Add(new PageHeading(3, "Hosts that stand out"));
        blocks.Add(analysis.Outliers.Count > 0
            ? OutlierTable(analysis)
            : new PageParagraph($"No host stands out: none of the {I(analysis.Tests)} host × role × metric × group tests found a host " +
                $"at least {ReportNumbers.Percent(analysis.MinimumEffect)} off the fleet beyond the noise (Holm, α = {ReportNumbers.Number(analysis.Alpha)})."));
        if (analysis.Closest is { Count: > 0 } closest)
        {
            blocks.Add(new PageHeading(3, "How close each host came to standing out"));
            blocks.Add(ClosestTable(analysis, closest));
        }
        if (analysis.Notes.Count > 0)
            blocks.Add(new PageList(analysis.Notes.Select(n => new PageListItem(n, PageTone.Muted)).ToList()));

        var baseProfile = BaseProfile(document.Cells);
        var figures = new List<Figure>();
        var cells = document.Cells.Where(c => c.Sender is not null && c.Receiver is not null).ToList();
        foreach (var path in cells.Where(c => c.Offloads == baseProfile).GroupBy(FleetPathKey.Of)
            .OrderBy(g => g.Key.UnderlayMtu).ThenBy(g => g.Key.Test, StringComparer.Ordinal).ThenBy(g => DatapathLabels.SortKey(g.Key.Path, g.Key.Impl)))
        {
            if (FleetHeatmapFigure.Build(path.Key, baseProfile, hosts, path.ToList()) is { } figure)
                figures.Add(figure);
        }
        if (figures.Count > 0)
        {
            blocks.Add(new PageHeading(3, $"Sender × receiver ({baseProfile} offloads)"));
            blocks.AddRange(figures.Select(f => new PageFigure(f)));
        }

        var effects = FleetProfileEffect.Of(document.Cells, baseProfile);
        if (effects.Count > 0)
        {
            blocks.Add(new PageHeading(3, $"Offload profiles against {baseProfile}, across the fleet"));
            blocks.Add(EffectTable(effects, baseProfile));
        }
        return new FleetSection(blocks, figures);
    }

    private static string BaseProfile(IReadOnlyList<CellResult> cells) =>
        cells.Any(c => c.Offloads == "default") ? "default" : cells[0].Offloads;

    private static PageTable HostsTable(ResultsDocument document, IReadOnlyList<string> hosts)
    {
        var rows = hosts.Select(name =>
        {
            var host = document.Environment.Hosts?.FirstOrDefault(h => h.Name == name);
            var nic = host?.Environment.Probe.SelectMany(p => p.Interfaces).FirstOrDefault(i => i.Name == host.Nic);
            var sent = document.Cells.Count(c => c.Sender == name && c.Status == CellStatus.Ok);
            var received = document.Cells.Count(c => c.Receiver == name && c.Status == CellStatus.Ok);
            return new PageRow(
            [
                name,
                host?.Endpoint ?? "—",
                host is null ? "—" : FleetNics.Describe(host) + (nic?.Driver is { FirmwareVersion.Length: > 0 } d && d.FirmwareVersion != "N/A" ? $", firmware {d.FirmwareVersion}" : ""),
                nic is null ? "—" : I(nic.Mtu),
                host?.Environment.Kernel ?? "—",
                I(sent), I(received),
            ]);
        }).ToList();
        return new PageTable([new("host"), new("agent"), new("NIC under test"), new("MTU", true), new("kernel"), new("cells sent", true), new("cells received", true)],
            rows, "Every host measured; cells count repetitions with numbers, every profile and datapath included.");
    }

    private static PageTable OutlierTable(FleetAnalysis analysis)
    {
        var rows = analysis.Outliers.Select(o => Row(o, PageTone.Problem, rawP: false)).ToList();
        return new PageTable(
            [new("host"), new("as"), new("metric"), new("where"), new("vs fleet", true), new("peers differing", true), new("Holm p", true), new("settings that differ from the majority")],
            rows,
            "vs fleet: the median over the host's peers of its ratio to each on the pairs they share (0.70× = 30 % below the fleet). " +
            "A host stands out when it differs, in one direction, from a strict majority of its peers beyond the noise of repetitions and " +
            $"of pairs, by at least {ReportNumbers.Percent(analysis.MinimumEffect)}; Holm's correction across all {I(analysis.Tests)} host × role × metric × group " +
            $"tests holds the chance of naming any healthy host to {ReportNumbers.Percent(analysis.Alpha)} (docs/methodology.md, \"Fleet: the outlier host\"). " +
            "Settings: the host's NIC under test during those cells and its environment, where they differ from more than half of the hosts; " +
            "a difference, not a proven cause.",
            StackOnNarrow: true);
    }

    /// <summary>Per host, the test that came closest to naming it: an outlier's row is marked as one; the others say how far
    /// they were from the rule's two thresholds (Holm p at most α, and a departure of at least the minimum effect).</summary>
    private static PageTable ClosestTable(FleetAnalysis analysis, IReadOnlyList<FleetOutlier> closest)
    {
        var rows = closest.Select(o => Row(o, IsOutlier(analysis, o) ? PageTone.Problem : PageTone.Normal, rawP: true)).ToList();
        return new PageTable(
            [new("host"), new("as"), new("metric"), new("where"), new("vs fleet", true), new("peers differing", true), new("p", true), new("Holm p", true), new("settings that differ from the majority")],
            rows,
            "Every host's test with the smallest Holm-adjusted p (then the smallest p), whether or not it stands out: how near each came to " +
            $"the rule's two thresholds, Holm p at most {ReportNumbers.Number(analysis.Alpha)} and at least {ReportNumbers.Percent(analysis.MinimumEffect)} off the fleet. " +
            "p: the host's own test before the correction for the number of tests.",
            StackOnNarrow: true);
    }

    private static bool IsOutlier(FleetAnalysis analysis, FleetOutlier o) =>
        analysis.Outliers.Any(x => (x.Host, x.Role, x.Metric, x.Path, x.Impl, x.UnderlayMtu, x.Offloads, x.Test, x.Streams) ==
            (o.Host, o.Role, o.Metric, o.Path, o.Impl, o.UnderlayMtu, o.Offloads, o.Test, o.Streams));

    private static PageRow Row(FleetOutlier o, PageTone tone, bool rawP) => new(
    [
        o.Host,
        o.Role == FleetRole.Sender ? "sender" : "receiver",
        MetricLabel(o.Metric),
        $"{DatapathLabels.Of(o.Path, o.Impl)}, MTU {I(o.UnderlayMtu)}, {o.Offloads}, {o.Test}" + (o.Streams != 1 ? $" ×{I(o.Streams)}" : ""),
        new PageCell(ReportNumbers.Ratio(o.Ratio) + $" ({ReportNumbers.SignedPercent(o.Ratio - 1)})", tone),
        $"{I(o.Statistics.PeersDiffering)} of {I(o.Statistics.Peers)}",
        .. (rawP ? new PageCell[] { PValue(o.Statistics.PValue) } : []),
        PValue(o.Statistics.AdjustedPValue),
        o.Evidence.Count == 0
            ? new PageCell("no setting differs from the majority", PageTone.Muted)
            : string.Join("; ", o.Evidence.Select(e => $"{e.Setting} {e.Value} ({I(e.MajorityHosts)} of {I(e.Hosts)}: {e.MajorityValue})")),
    ], tone);

    private static PageTable EffectTable(IReadOnlyList<FleetProfileEffect> effects, string baseProfile)
    {
        var rows = effects
            .OrderBy(e => e.Key.UnderlayMtu).ThenBy(e => e.Key.Test, StringComparer.Ordinal).ThenBy(e => DatapathLabels.SortKey(e.Key.Path, e.Key.Impl))
            .Select(e => new PageRow(
            [
                DatapathLabels.Of(e.Key.Path, e.Key.Impl), I(e.Key.UnderlayMtu), e.Key.Test, e.Profile, I(e.Pairs),
                Change(e.Goodput), Change(e.CpuPerGbit),
            ])).ToList();
        var intervals = effects.SelectMany(e => new[] { e.Goodput, e.CpuPerGbit }).OfType<ConfidenceInterval>().ToList();
        var coverages = intervals.Select(i => i.Coverage).Distinct().Order().ToList();
        var coverage = coverages.Count == 0 ? "" : coverages.Count == 1
            ? $"covers the median pair's change {ReportNumbers.Percent(coverages[0])}"
            : $"covers the median pair's change between {ReportNumbers.Percent(coverages[0])} and {ReportNumbers.Percent(coverages[^1])} (fewer pairs, less)";
        return new PageTable(
            [new("datapath"), new("MTU", true), new("test"), new("profile"), new("pairs", true), new($"goodput vs {baseProfile}", true), new($"CPU per Gbit vs {baseProfile}", true)],
            rows,
            $"For every ordered pair of hosts measured under both, the ratio of its medians under the profile and under {baseProfile}; " +
            $"shown is the median of those ratios with the order-statistic interval of a median, which {coverage}. " +
            "Comparing each pair with itself takes the hosts' own differences out.",
            StackOnNarrow: true);
    }

    private static string Change(ConfidenceInterval? ratio) => ratio is null
        ? "—"
        : $"{ReportNumbers.SignedPercent(ratio.Estimate - 1)} ({ReportNumbers.SignedPercent(ratio.Lower - 1)} … {ReportNumbers.SignedPercent(ratio.Upper - 1)})";

    private static string MetricLabel(string name) =>
        ResultMetrics.TryFind(name, out var metric) ? ReportAnalyzer.MetricLabel(metric) : name;

    private static string PValue(double p) => p < 1e-4 ? "< 0.0001" : p.ToString("0.0000", Invariant);

    private static string I(int value) => value.ToString(Invariant);
}
