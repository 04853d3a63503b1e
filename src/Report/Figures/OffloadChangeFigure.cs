using System.Globalization;
using PerfSuite.Model.Statistics;
using PerfSuite.Report.Analysis;
using ScottPlot;

namespace PerfSuite.Report.Figures;

/// <summary>Figure 5: what each offload profile changed against the base profile, per datapath, at one underlay
/// MTU: goodput on top, CPU per Gbit below, as Hodges–Lehmann ratios with their intervals.</summary>
internal static class OffloadChangeFigure
{
    public const int Width = 1000;
    public const int PanelHeight = 330;
    private const int HeadingHeight = 40;

    public static string NameFor(int mtu) => string.Create(CultureInfo.InvariantCulture, $"offloads-mtu{mtu}");

    public static Figure? Build(ReportAnalysis analysis, int mtu)
    {
        var comparisons = analysis.OffloadComparisons
            .Where(c => c.UnderlayMtu == mtu && c.Streams == analysis.PrimaryStreams)
            .ToList();
        if (comparisons.Count == 0)
            return null;
        var paths = comparisons.Select(c => (c.Path, c.Impl)).Distinct().OrderBy(p => DatapathLabels.SortKey(p.Path, p.Impl)).ToList();
        var profiles = analysis.Profiles.Where(p => p != analysis.BaseProfile && comparisons.Any(c => c.Profile == p)).ToList();
        var m = mtu.ToString(CultureInfo.InvariantCulture);
        var title = $"Offload profiles against {analysis.BaseProfile}, underlay MTU {m}";

        var panels = new List<FigurePanel>();
        var metrics = new (string Label, Func<OffloadComparison, ConfidenceInterval?> Read)[]
        {
            ($"Goodput change vs {analysis.BaseProfile} (%)", c => c.Goodput),
            ($"CPU per Gbit change vs {analysis.BaseProfile} (%)", c => c.CpuPerGbit),
        }.Where(m => comparisons.Any(c => m.Read(c) is not null)).ToArray();
        var coverages = new List<double>();
        for (var k = 0; k < metrics.Length; k++)
        {
            var (label, read) = metrics[k];
            var plot = FigureStyle.NewPlot(null, "Datapath", label);
            // The same width for both panels' tick labels keeps their data areas one above the other.
            plot.Axes.Left.MinimumSize = 80;
            var bars = new List<Bar>();
            var xs = new List<double>();
            var ys = new List<double>();
            var low = new List<double>();
            var high = new List<double>();
            double lowest = 0, highest = 0;
            var width = Math.Min(0.4, 0.8 / profiles.Count);
            for (var i = 0; i < paths.Count; i++)
            {
                for (var p = 0; p < profiles.Count; p++)
                {
                    var comparison = comparisons.FirstOrDefault(c => c.Path == paths[i].Path && c.Impl == paths[i].Impl && c.Profile == profiles[p]);
                    if (comparison is null || read(comparison) is not { } ratio)
                        continue;
                    var x = i + (p - (profiles.Count - 1) / 2.0) * width;
                    var value = (ratio.Estimate - 1) * 100;
                    bars.Add(new Bar { Position = x, Value = value, FillColor = FigureStyle.Series(p + 1), LineWidth = 0, Size = width * 0.9 });
                    xs.Add(x);
                    ys.Add(value);
                    low.Add(value - (ratio.Lower - 1) * 100);
                    high.Add((ratio.Upper - 1) * 100 - value);
                    coverages.Add(ratio.Coverage);
                    lowest = Math.Min(lowest, (ratio.Lower - 1) * 100);
                    highest = Math.Max(highest, (ratio.Upper - 1) * 100);
                    var text = plot.Add.Text(ReportNumbers.SignedPercent(ratio.Estimate - 1), x, value >= 0 ? (ratio.Upper - 1) * 100 : (ratio.Lower - 1) * 100);
                    text.LabelAlignment = value >= 0 ? Alignment.LowerCenter : Alignment.UpperCenter;
                    text.OffsetY = value >= 0 ? -4 : 4;
                    text.LabelFontSize = FigureStyle.PointLabelSize - 1;
                    text.LabelFontName = BundledFonts.Family;
                    text.LabelFontColor = FigureStyle.Ink;
                }
            }
            plot.Add.Bars(bars);
            plot.Add.Plottable(new ScottPlot.Plottables.ErrorBar(xs, ys, null, null, high, low)
            {
                LineColor = FigureStyle.Ink,
                LineWidth = 1.5f,
                CapSize = 6,
            });
            var zero = plot.Add.HorizontalLine(0, 1, FigureStyle.Ink);
            zero.LinePattern = LinePattern.Solid;
            // Both panels carry the legend: the same legend width keeps their data areas aligned one above the other.
            foreach (var (profile, p) in profiles.Select((p, i) => (p, i)))
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = profile, FillColor = FigureStyle.Series(p + 1) });
            plot.ShowLegend(Edge.Right);
            FigureStyle.CategoryTicks(plot.Axes.Bottom, paths.Select((_, i) => (double)i).ToArray(),
                paths.Select(p => DatapathLabels.Of(p.Path, p.Impl)).ToArray());
            // Room beyond the longest bar for its value label; zero always in view.
            var pad = Math.Max(5, (highest - lowest) * 0.2);
            plot.Axes.SetLimits(-0.6, paths.Count - 0.4,
                lowest < 0 ? -FigureStyle.NiceTop(-lowest + pad) : -pad / 2,
                highest > 0 ? FigureStyle.NiceTop(highest + pad) : pad / 2);
            var top = HeadingHeight + k * PanelHeight;
            panels.Add(new FigurePanel(plot, new PixelRect(0, Width, top + PanelHeight, top)));
        }

        var level = coverages.Count > 0 ? coverages.Min() : ReportAnalyzer.Confidence;
        var caption = $"Change of the median when switching from {analysis.BaseProfile} to each profile: the Hodges–Lehmann " +
            "ratio of the repetitions (the gate's estimate), with Moses' distribution-free interval as error bars. " +
            (level < ReportAnalyzer.Confidence - 1e-9
                ? $"With this few repetitions no interval of this kind reaches {ReportNumbers.Percent(ReportAnalyzer.Confidence)}: the bars are the widest available, covering {ReportNumbers.Percent(level)}."
                : $"The intervals cover {ReportNumbers.Percent(level)}.");
        return FigureCanvas.Render(NameFor(mtu), title, caption, Width, HeadingHeight + metrics.Length * PanelHeight, panels,
            heading: title, headingHeight: HeadingHeight);
    }
}
