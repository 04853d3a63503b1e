using System.Globalization;
using PerfSuite.Model.Results;
using PerfSuite.Report.Figures;
using ScottPlot;

namespace PerfSuite.Report.Compare;

/// <summary>One measured metric of a comparison as grouped bars: a group per datapath cell group, a bar per
/// results input in that input's colour (the same in every figure), the interval of the median as an error bar
/// (its true coverage in the caption), and a red word where an input has no number for the group.</summary>
internal static class MeasuredComparisonFigure
{
    private const int Height = 560;
    private const int MinWidth = 900;
    private const int MaxWidth = 1600;

    public sealed record Metric(string Name, string Title, string Axis, double Scale, Func<DatapathMeasurement, MetricSummary?> Read, string Caption);

    public static readonly Metric Goodput = new("compare-goodput", "Goodput per datapath", "Goodput (Gbit/s)", 1e-9, m => m.Goodput,
        "Median goodput over the repetitions of each input, per datapath, underlay MTU, offload profile and stream count; " +
        "error bars are the interval of the median. Higher is better.");

    public static readonly Metric CpuPerGbit = new("compare-cpu-per-gbit", "CPU cost per Gbit of goodput", "CPU cost (core-seconds per Gbit)", 1,
        m => m.CpuPerGbit,
        "Busy CPU of the whole node (user + nice + system + irq + softirq + steal) per Gbit/s of goodput, median over the " +
        "repetitions; error bars are the interval of the median. Lower is better.");

    public static readonly Metric LatencyP99 = new("compare-p99-latency", "p99 request/response latency", "p99 latency (µs)", 1, m => m.LatencyP99,
        "Median over the repetitions of each repetition's 99th-percentile tcp-rr latency; error bars are the interval of " +
        "that median. Lower is better.");

    public static IReadOnlyList<Figure> BuildAll(CompareReport report) =>
        new[] { Goodput, CpuPerGbit, LatencyP99 }.Select(m => Build(report, m)).OfType<Figure>().ToList();

    public static Figure? Build(CompareReport report, Metric metric)
    {
        var rows = report.Datapaths.Where(d => d.Cells.Any(c => metric.Read(c) is not null)).ToList();
        if (rows.Count == 0)
            return null;
        var columns = Enumerable.Range(0, report.Columns.Count).Where(i => report.Columns[i].Kind == CompareInputKind.Results).ToList();
        var plot = FigureStyle.NewPlot(metric.Title, "Datapath", metric.Axis);
        var slot = 0.8 / columns.Count;
        var bars = new List<Bar>();
        var xs = new List<double>();
        var ys = new List<double>();
        var low = new List<double>();
        var high = new List<double>();
        var top = 0.0;
        var coverages = new List<string>();
        for (var i = 0; i < rows.Count; i++)
        {
            for (var k = 0; k < columns.Count; k++)
            {
                var column = columns[k];
                var x = i - 0.4 + slot * (k + 0.5);
                var cell = rows[i].Cells[column];
                if (metric.Read(cell) is not { } summary)
                {
                    FigureStyle.MissingNote(plot, x, ShortGap(cell));
                    continue;
                }
                var median = summary.Median * metric.Scale;
                bars.Add(new Bar { Position = x, Value = median, FillColor = FigureStyle.Series(column), LineWidth = 0, Size = slot * 0.9 });
                xs.Add(x);
                ys.Add(median);
                low.Add(median - summary.Lower * metric.Scale);
                high.Add(summary.Upper * metric.Scale - median);
                top = Math.Max(top, summary.Upper * metric.Scale);
                coverages.Add(summary.DescribeInterval());
            }
        }
        plot.Add.Bars(bars);
        plot.Add.Plottable(new ScottPlot.Plottables.ErrorBar(xs, ys, null, null, high, low)
        {
            LineColor = FigureStyle.Ink,
            LineWidth = 1.5f,
            CapSize = 6,
        });
        foreach (var column in columns)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"[{column + 1}] {report.Columns[column].Label}", FillColor = FigureStyle.Series(column) });
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;

        FigureStyle.CategoryTicks(plot.Axes.Bottom, rows.Select((_, i) => (double)i).ToArray(), rows.Select(r => TickLabel(r, rows)).ToArray());
        plot.Axes.SetLimits(-0.6, rows.Count - 0.4, 0, FigureStyle.NiceTop(top * 1.12));
        var width = Math.Clamp(160 * rows.Count * Math.Max(1, columns.Count) / 2 + 200, MinWidth, MaxWidth);
        return FigureCanvas.Render(metric.Name, metric.Title, $"{metric.Caption} {CoverageCaption(coverages)}", width, Height, plot);
    }

    /// <summary>"Intervals: range of 3, covers the median 75 %." — every distinct kind of interval the bars show.</summary>
    private static string CoverageCaption(List<string> coverages)
    {
        var kinds = coverages.Distinct().ToList();
        return kinds.Count == 0 ? "" : $"Intervals: {string.Join("; ", kinds)}.";
    }

    /// <summary>The datapath, "userspace" when an input ran it there, then only what varies among the figure's
    /// groups (MTU, test, profile, streams).</summary>
    private static string TickLabel(DatapathComparison row, List<DatapathComparison> rows)
    {
        var parts = new List<string> { row.Path };
        if (row.Cells.Any(c => c.Impl == Model.Datapaths.DatapathImplementation.Userspace))
            parts.Add("userspace");
        if (rows.Select(r => r.UnderlayMtu).Distinct().Count() > 1)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"mtu {row.UnderlayMtu}"));
        if (rows.Select(r => r.Test).Distinct().Count() > 1)
            parts.Add(row.Test);
        if (rows.Select(r => r.Offloads).Distinct().Count() > 1)
            parts.Add(row.Offloads);
        if (rows.Select(r => r.Streams).Distinct().Count() > 1)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"×{row.Streams}"));
        return parts.Count == 1 ? parts[0] : parts[0] + "\n" + string.Join(" · ", parts.Skip(1));
    }

    private static string ShortGap(DatapathMeasurement cell) => cell.Gap switch
    {
        null => "n/a",
        var g when g.StartsWith("failed", StringComparison.Ordinal) => "failed",
        var g when g.StartsWith("skipped", StringComparison.Ordinal) => "skipped",
        _ => "not measured",
    };
}
