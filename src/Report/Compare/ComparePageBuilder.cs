using System.Globalization;
using PerfSuite.Model.Statistics;
using PerfSuite.Report.Figures;
using PerfSuite.Report.Pages;

namespace PerfSuite.Report.Compare;

/// <summary>Lays out a comparison as a report page (the same blocks, HTML and Markdown as <c>perfsuite report</c>):
/// the inputs, NIC properties, encapsulation offloads with their cost, the measured datapaths with figures, the
/// rankings, and how to read them. A gap is a muted cell "— reason", never an empty one.</summary>
internal static class ComparePageBuilder
{
    public static Page Build(CompareReport report, IReadOnlyList<Figure> figures)
    {
        var columns = report.Columns;
        var blocks = new List<PageBlock>();

        blocks.Add(new PageHeading(2, "Inputs"));
        blocks.Add(new PageList(columns.Select((c, i) => new PageListItem(
            string.Join("; ", new[] { $"{CompareFormatting.Kind(c.Kind)} {c.Source}", Host(c) }.Concat(c.Notes).Where(s => s.Length > 0)),
            c.Interface is null ? PageTone.Warning : PageTone.Normal,
            $"{Tag(i)} {c.Label}")).ToList()));

        blocks.Add(new PageHeading(2, "NIC"));
        blocks.Add(new PageTable(Header("", columns),
            report.Nic.Select(r => new PageRow([r.Item, .. r.Cells.Select(Cell)])).ToList()));

        blocks.Add(new PageHeading(2, "Encapsulation offloads"));
        blocks.Add(new PageParagraph("Per encapsulation: who segments its packets (hardware: the NIC; software: the kernel, on " +
            "the CPU; deferred: a virtual device hands large packets on and the device after it decides), then each " +
            "offload that matters for it, as ethtool shows the feature, and what the encapsulation cost where results show it."));
        blocks.Add(EncapsulationTable(report));
        var notes = EncapsulationNotes(report);
        if (notes.Count > 0)
            blocks.Add(new PageList(notes));

        if (report.Datapaths.Count > 0)
        {
            blocks.Add(new PageHeading(2, "Measured datapaths"));
            foreach (var figure in figures)
            {
                blocks.Add(new PageHeading(3, figure.Title));
                blocks.Add(new PageFigure(figure));
            }
            blocks.Add(new PageHeading(3, "All measured cell groups"));
            blocks.Add(MeasuredTable(report));
        }

        blocks.Add(new PageHeading(2, "Rankings"));
        blocks.Add(new PageParagraph("Best first. Measured medians tie when their intervals overlap (the data cannot order " +
            "them; each ranking states the coverage its intervals really have — a range of 3 repetitions covers its median 75 %, " +
            "not 95 %); offload counts tie when equal. Tied entries share a rank and the next rank skips as many places (1, 1, 3)."));
        foreach (var ranking in report.Rankings)
        {
            blocks.Add(new PageHeading(3, $"{Capitalise(ranking.Criterion)}: {ranking.Scope}"));
            blocks.Add(new PageTable([new("rank", true), new("input"), new("value")],
                ranking.Entries.Select(e => new PageRow(
                [
                    string.Create(CultureInfo.InvariantCulture, $"{e.Rank}{(e.Tied ? " (tie)" : "")}"),
                    $"{Tag(e.Column)} {columns[e.Column].Label}",
                    e.Text,
                ])).Concat(ranking.Unranked.Select(u => new PageRow(
                [
                    CompareFormatting.Gap,
                    $"{Tag(u.Column)} {columns[u.Column].Label}",
                    $"not ranked: {u.Reason}",
                ], PageTone.Muted))).ToList()));
        }

        blocks.Add(new PageHeading(2, "How to read this"));
        foreach (var paragraph in Method)
            blocks.Add(new PageParagraph(paragraph));

        return new Page($"PerfSuite compare: {string.Join(" vs ", columns.Select(c => c.Label))}",
            columns.Select((c, i) => $"{Tag(i)} {c.Label}: {CompareFormatting.Kind(c.Kind)} {c.Source}{(Host(c) is { Length: > 0 } h ? ", " + h : "")}").ToList(),
            blocks);
    }

    private static PageTable EncapsulationTable(CompareReport report)
    {
        var rows = new List<PageRow>();
        foreach (var row in report.Encapsulations)
        {
            rows.Add(new PageRow([row.Encapsulation, .. row.Cells.Select(c => new PageCell(CompareFormatting.Verdict(c.Verdict), VerdictTone(c.Verdict)))]));
            foreach (var aspect in row.Aspects)
                rows.Add(new PageRow([$"{aspect.Aspect} ({string.Join(" or ", aspect.Features)})", .. aspect.Cells.Select(Offload)]));
            if (row.Datapath is null)
                continue;
            var depth = Math.Max(1, row.Cells.Max(c => c.Costs.Count));
            for (var k = 0; k < depth; k++)
            {
                rows.Add(new PageRow([k == 0 ? $"cost ({row.Datapath} tcp-stream)" : "", .. row.Cells.Select(c =>
                    k < c.Costs.Count ? new PageCell(CostText(c.Costs[k]))
                    : k == 0 ? Gap(c.CostGap ?? "none")
                    : new PageCell(""))]));
            }
        }
        return new PageTable(Header("encapsulation", report.Columns), rows);
    }

    private static List<PageListItem> EncapsulationNotes(CompareReport report)
    {
        var items = new List<PageListItem>();
        foreach (var row in report.Encapsulations)
        {
            if (row.SoftwareReason is not null)
                items.Add(new PageListItem(row.SoftwareReason, Lead: row.Encapsulation));
            for (var i = 0; i < row.Cells.Count; i++)
            {
                if (row.Cells[i].Verdict == EncapsulationVerdict.SoftwareNicCapable)
                    items.Add(new PageListItem(row.Cells[i].Explanation, PageTone.Warning, $"{row.Encapsulation} on {Tag(i)} {report.Columns[i].Label}"));
            }
        }
        return items;
    }

    private static PageTable MeasuredTable(CompareReport report)
    {
        var rows = new List<PageRow>();
        foreach (var row in report.Datapaths)
        {
            var metrics = ComparedMetric.All.Where(m => row.Cells.Any(c => m.Read(c) is not null)).ToList();
            if (metrics.Count == 0)
            {
                rows.Add(new PageRow([row.Label, "repetitions", .. row.Cells.Select(c => c.Gap is null ? new PageCell($"{c.Ok} ok") : Gap(c.Gap))]));
                continue;
            }
            for (var m = 0; m < metrics.Count; m++)
            {
                var metric = metrics[m];
                rows.Add(new PageRow([m == 0 ? row.Label : "", metric.Name, .. row.Cells.Select(c =>
                    metric.Read(c) is { } s ? new PageCell(Impl(c) + metric.WithInterval(s))
                    : Gap(c.Gap ?? $"no {metric.Name}"))]));
            }
        }
        return new PageTable([new("cell group"), new("metric"), .. report.Columns.Select((c, i) => new PageColumn($"{Tag(i)} {c.Label}"))], rows,
            "Median over the repetitions, its interval and that interval's true coverage of the median with the number of " +
            "repetitions that produced numbers (\"range of 3: 75 %\": the range of three repetitions covers the median with probability 75 %).");
    }

    private static readonly string[] Method =
    [
        "Results files carry measurements and the NIC snapshots of the run; probe snapshots (perfsuite probe --format json) " +
        "carry driver, link, rings, channels and every feature with its four ethtool masks; an ethtool -k dump carries the " +
        "features as ethtool printed them, and ethtool -i above it the driver. Where an input does not carry something, " +
        "the cell says so instead of guessing.",
        "An offload is done in hardware when its kernel feature is on on a NIC. Off and changeable means the NIC could do " +
        "it and ethtool -K would turn it on; off [fixed] means it cannot, and the kernel does the work in software (GSO " +
        "segmentation, software checksums), which costs CPU in the sender and, without hardware GRO, in the receiver's softirq.",
        $"Offload coverage counts, on a NIC, the offloads of {string.Join(", ", OffloadAspect.Coverage.Select(a => a.Features[0]))} " +
        "that are on; a virtual device has no hardware and is not ranked.",
        "An encapsulation's cost compares its datapath with native (or host) tcp-stream cells of the same results at the " +
        "same underlay MTU, offload profile and stream count: the Hodges–Lehmann ratio of goodput and of CPU per Gbit over " +
        "the repetitions, as the gate computes it. WireGuard is always software: no NIC offloads it.",
    ];

    private static List<PageColumn> Header(string first, IReadOnlyList<CompareColumn> columns) =>
        [new(first), .. columns.Select((c, i) => new PageColumn($"{Tag(i)} {c.Label}"))];

    private static PageCell Cell(CompareCell cell) => cell.Value is { } value ? new PageCell(value) : Gap(cell.Gap ?? "");

    private static PageCell Offload(OffloadCell cell) => cell.State switch
    {
        OffloadState.Hardware => new PageCell(cell.Text),
        OffloadState.Deferred => new PageCell(cell.Text + " (passed on)"),
        OffloadState.Disabled => new PageCell(cell.Text, PageTone.Warning),
        OffloadState.Unsupported => new PageCell(cell.Text),
        OffloadState.Absent => new PageCell(cell.Text, PageTone.Muted),
        _ => Gap(cell.Text),
    };

    private static PageTone VerdictTone(EncapsulationVerdict verdict) => verdict switch
    {
        EncapsulationVerdict.SoftwareNicCapable => PageTone.Warning,
        EncapsulationVerdict.Unknown => PageTone.Muted,
        _ => PageTone.Normal,
    };

    private static string CostText(EncapsulationCost cost)
    {
        var text = CompareFormatting.Cost(cost);
        var intervals = new List<string>();
        if (cost.Goodput is { } g)
            intervals.Add($"goodput {CompareFormatting.ChangeInterval(g)} ({CoverageText.Percent(g.Coverage)} interval)");
        if (cost.CpuPerGbitRatio is { } c)
            intervals.Add($"CPU/Gbit {CompareFormatting.ChangeInterval(c)} ({CoverageText.Percent(c.Coverage)} interval)");
        return intervals.Count == 0 ? text : $"{text}; {string.Join(", ", intervals)}";
    }

    private static PageCell Gap(string reason) =>
        new(reason.Length == 0 ? CompareFormatting.Gap : $"{CompareFormatting.Gap} {reason}", PageTone.Muted);

    private static string Impl(DatapathMeasurement m) =>
        m.Impl == Model.Datapaths.DatapathImplementation.Userspace ? "userspace: " : "";

    private static string Host(CompareColumn c) =>
        c.Hostname is null ? "" : $"host {c.Hostname}{(c.Kernel is null ? "" : $", kernel {c.Kernel}")}";

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Tag(int column) => string.Create(CultureInfo.InvariantCulture, $"[{column + 1}]");
}
