using System.Globalization;
using PerfSuite.Model.Datapaths;
using PerfSuite.Report.Analysis;
using ScottPlot;

namespace PerfSuite.Report.Figures;

/// <summary>Figure 2: CPU cost in core-seconds per Gbit for each datapath at one underlay MTU, ordered by
/// encapsulation overhead, stacked by /proc/stat category so that softirq (where GRO, decapsulation and
/// forwarding run) shows beside user and system time.</summary>
internal static class CpuCostFigure
{
    public const int Width = 1000;
    public const int Height = 560;

    public static string NameFor(int mtu) => string.Create(CultureInfo.InvariantCulture, $"cpu-cost-mtu{mtu}");

    public static Figure? Build(ReportAnalysis analysis, int mtu)
    {
        var rows = analysis.FigureRows(mtu).Where(r => r.Stream is not null).ToList();
        if (rows.All(r => r.CoreSecondsPerGbit is null))
            return null;
        var m = mtu.ToString(CultureInfo.InvariantCulture);
        var title = $"CPU cost per Gbit of goodput, underlay MTU {m}";
        var plot = FigureStyle.NewPlot(title, "Datapath (encapsulation overhead)", "CPU cost (core-seconds per Gbit)");
        var categories = CpuBreakdown.Categories.Where(c => rows.Any(r => r.Cpu?.ShareOf(c) > 0.0005)).ToList();

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
        var errors = new ScottPlot.Plottables.ErrorBar(errorXs, errorYs, null, null, errorHigh, errorLow)
        {
            LineColor = FigureStyle.Ink,
            LineWidth = 1.5f,
            CapSize = 8,
        };
        plot.Add.Plottable(errors);

        foreach (var category in categories)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = category, FillColor = FigureStyle.Category(category) });
        if (unsplit)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "busy, not split", FillColor = FigureStyle.Grey });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "95 % interval of the total", LineColor = FigureStyle.Ink, LineWidth = 1.5f });
        plot.ShowLegend(Edge.Right);

        FigureStyle.CategoryTicks(plot.Axes.Bottom, rows.Select((_, i) => (double)i).ToArray(), rows.Select(FigureStyle.DatapathTick).ToArray());
        plot.Axes.SetLimits(-0.6, rows.Count - 0.4, 0, FigureStyle.NiceTop(top * 1.15));

        var caption = "Busy CPU of the whole node (user + nice + system + irq + softirq + steal, from /proc/stat over the measurement " +
            "window) per Gbit/s of goodput: the median over the repetitions, split by category in the median proportions; " +
            "the error bar is the 95 % interval of the median total, the number above it the median.";
        return FigureCanvas.Render(NameFor(mtu), title, caption, Width, Height, plot);
    }

    private static string NotMeasured(DatapathRow row) =>
        row.Ok == 0 && row.Skipped > 0 && row.Failed == 0 ? "skipped"
        : row.Ok == 0 && row.Failed > 0 && row.Skipped == 0 ? "failed"
        : row.Ok == 0 ? "no numbers"
        : "not measured";
}
