using System.Globalization;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Statistics;
using PerfSuite.Report.Analysis;
using ScottPlot;

namespace PerfSuite.Report.Figures;

/// <summary>Figure 2: CPU cost in core-seconds per Gbit for each datapath at one underlay MTU, ordered by
/// encapsulation overhead, stacked by /proc/stat category so that softirq (where GRO, decapsulation and
/// forwarding run) shows beside user and system time.</summary>
/// <remarks>Userspace substitutes cost 10–50 times what kernel datapaths do; on one linear axis the kernel bars
/// are slivers. A log axis would make them legible but falsify the stacks (a stacked segment's length on a log
/// axis depends on what lies under it, so the bottom category would look largest), so when a run has both kinds
/// and their scales differ, kernel and userspace datapaths get panels of their own, each on its own linear axis
/// starting at zero; the number over each bar carries the comparison across panels. The key figure compares them
/// on one log axis as ratios to native, where no stacking is involved.</remarks>
internal static class CpuCostFigure
{
    public const int Width = 1000;
    public const int Height = 560;
    private const int HeadingHeight = 40;
    private const int LegendWidth = 200;

    /// <summary>Below this ratio of the two kinds' tallest bars, one axis shows both well enough.</summary>
    private const double SplitRatio = 4;

    public static string NameFor(int mtu) => string.Create(CultureInfo.InvariantCulture, $"cpu-cost-mtu{mtu}");

    public static Figure? Build(ReportAnalysis analysis, int mtu)
    {
        var rows = analysis.FigureRows(mtu).Where(r => r.Stream is not null).ToList();
        if (rows.All(r => r.CoreSecondsPerGbit is null))
            return null;
        var m = mtu.ToString(CultureInfo.InvariantCulture);
        var title = $"CPU cost per Gbit of goodput, underlay MTU {m}";
        var categories = CpuBreakdown.Categories.Where(c => rows.Any(r => r.Cpu?.ShareOf(c) > 0.0005)).ToList();
        var coverage = CoverageText.Short(rows.Select(r => r.CoreSecondsPerGbit));

        var kernel = rows.Where(r => r.Impl == DatapathImplementation.Kernel).ToList();
        var userspace = rows.Where(r => r.Impl != DatapathImplementation.Kernel).ToList();
        static double Top(List<DatapathRow> set) => set.Max(r => r.CoreSecondsPerGbit?.Upper ?? 0);
        var split = kernel.Count > 0 && userspace.Count > 0 && Top(kernel) > 0 && Top(userspace) > 0
            && Math.Max(Top(kernel), Top(userspace)) / Math.Min(Top(kernel), Top(userspace)) >= SplitRatio;

        string caption = "Busy CPU of the whole node (user + nice + system + irq + softirq + steal, from /proc/stat over the measurement " +
            "window) per Gbit/s of goodput: the median over the repetitions, split by category in the median proportions; " +
            $"the error bar is the {coverage} of the median total, the number above it the median.";
        if (!split)
        {
            var plot = Panel(rows, categories, title, "Datapath (encapsulation overhead)", coverage, LegendPart.All);
            return FigureCanvas.Render(NameFor(mtu), title, caption, Width, Height, plot);
        }

        caption += " Kernel and userspace datapaths are drawn in separate panels, each on its own linear scale from zero: the userspace " +
            "ones cost many times more, and on a shared axis the kernel bars would be too short to compare.";
        // Panel widths follow the bar counts after room for each panel's axis, so every bar (and its two-line label)
        // gets the same width. Each panel has a one-line legend at the bottom (categories under the kernel panel,
        // the interval under the userspace one), which keeps the two data areas level.
        const int axisRoom = 90;
        var barRoom = Width - 2 * axisRoom;
        var kernelWidth = axisRoom + barRoom * kernel.Count / (kernel.Count + userspace.Count);
        var kernelPlot = Panel(kernel, categories, "kernel datapaths", "Datapath (encapsulation overhead)", coverage, LegendPart.Categories);
        var userspacePlot = Panel(userspace, categories, "userspace implementations", "Datapath (encapsulation overhead)", coverage, LegendPart.Interval);
        var panels = new List<FigurePanel>
        {
            new(kernelPlot, new PixelRect(0, kernelWidth, Height, HeadingHeight)),
            new(userspacePlot, new PixelRect(kernelWidth, Width, Height, HeadingHeight)),
        };
        return FigureCanvas.Render(NameFor(mtu), title, caption, Width, Height, panels, heading: title, headingHeight: HeadingHeight);
    }

    private enum LegendPart { All, Categories, Interval }

    private static Plot Panel(List<DatapathRow> rows, List<string> categories, string title, string xLabel, string coverage, LegendPart legend)
    {
        var plot = FigureStyle.NewPlot(title, xLabel, "CPU cost (core-seconds per Gbit)");
        if (legend != LegendPart.All)
            plot.Axes.Title.Label.FontSize = FigureStyle.AxisLabelSize;
        var bars = new List<Bar>();
        var errorXs = new List<double>();
        var errorYs = new List<double>();
        var errorLow = new List<double>();
        var errorHigh = new List<double>();
        var top = rows.Max(r => r.CoreSecondsPerGbit?.Upper ?? 0);
        var unsplit = false;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.CoreSecondsPerGbit is not { } cost)
            {
                FigureStyle.MissingNote(plot, i, NotMeasured(row));
                continue;
            }
            if (row.Cpu is { } cpu)
            {
                var bottom = 0.0;
                foreach (var category in categories)
                {
                    var height = cost.Median * cpu.ShareOf(category);
                    if (height <= 0)
                        continue;
                    bars.Add(new Bar { Position = i, ValueBase = bottom, Value = bottom + height, FillColor = FigureStyle.Category(category), LineWidth = 0, Size = 0.6 });
                    bottom += height;
                }
            }
            else
            {
                unsplit = true;
                bars.Add(new Bar { Position = i, Value = cost.Median, FillColor = FigureStyle.Grey, LineWidth = 0, Size = 0.6 });
            }
            errorXs.Add(i);
            errorYs.Add(cost.Median);
            errorLow.Add(cost.Median - cost.Lower);
            errorHigh.Add(cost.Upper - cost.Median);
            var value = plot.Add.Text(ReportNumbers.Cores(cost.Median), i, cost.Upper);
            value.LabelAlignment = Alignment.LowerCenter;
            value.OffsetY = -4;
            value.LabelFontSize = FigureStyle.PointLabelSize;
            value.LabelFontName = BundledFonts.Family;
            value.LabelFontColor = FigureStyle.Ink;
        }
        if (bars.Count > 0)
            plot.Add.Bars(bars);
        plot.Add.Plottable(new ScottPlot.Plottables.ErrorBar(errorXs, errorYs, null, null, errorHigh, errorLow)
        {
            LineColor = FigureStyle.Ink,
            LineWidth = 1.5f,
            CapSize = 8,
        });

        if (legend != LegendPart.Interval)
        {
            foreach (var category in categories)
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = category, FillColor = FigureStyle.Category(category) });
        }
        if (legend != LegendPart.Categories)
        {
            if (unsplit)
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = "busy, not split", FillColor = FigureStyle.Grey });
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{coverage} of the total", LineColor = FigureStyle.Ink, LineWidth = 1.5f });
        }
        if (legend == LegendPart.All)
        {
            plot.ShowLegend(Edge.Right);
        }
        else
        {
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.Orientation = Orientation.Horizontal;
        }

        // In a panel of its own, "userspace" under every tick would repeat the panel's title.
        FigureStyle.CategoryTicks(plot.Axes.Bottom, rows.Select((_, i) => (double)i).ToArray(),
            rows.Select(r => legend == LegendPart.All ? FigureStyle.DatapathTick(r) : FigureStyle.DatapathTick(r).Replace("\nuserspace", "", StringComparison.Ordinal)).ToArray());
        plot.Axes.SetLimits(-0.6, rows.Count - 0.4, 0, FigureStyle.NiceTop(top * 1.15));
        return plot;
    }

    private static string NotMeasured(DatapathRow row) =>
        row.Ok == 0 && row.Skipped > 0 && row.Failed == 0 ? "skipped"
        : row.Ok == 0 && row.Failed > 0 && row.Skipped == 0 ? "failed"
        : row.Ok == 0 ? "no numbers"
        : "not measured";
}
