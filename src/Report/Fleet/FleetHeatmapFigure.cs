using System.Globalization;
using PerfSuite.Model.Results;
using PerfSuite.Report.Analysis;
using PerfSuite.Report.Figures;
using ScottPlot;

namespace PerfSuite.Report.Fleet;

/// <summary>A fleet run's sender × receiver heatmaps for one datapath and profile: one panel per metric (goodput, CPU
/// per Gbit), each cell the median of that ordered pair's repetitions, coloured by its ratio to the median pair (blue
/// better, vermillion worse, white the fleet's median), so that a slow sender shows as a row and a slow receiver as a
/// column. Cells are drawn as rectangles, not a bitmap, so the SVG stays vector and its numbers stay text.</summary>
internal static class FleetHeatmapFigure
{
    private const int PanelWidth = 520;
    private const int HeadingHeight = 40;
    private const double Saturation = 0.3;

    public static string NameFor(FleetPathKey key, string profile) => string.Create(CultureInfo.InvariantCulture,
        $"fleet-{key.Path.Replace('+', '-')}-{(key.Impl == Model.Datapaths.DatapathImplementation.Kernel ? "kernel" : "userspace")}-mtu{key.UnderlayMtu}-{profile}-{key.Test}-x{key.Streams}");

    public static Figure? Build(FleetPathKey key, string profile, IReadOnlyList<string> hosts, IReadOnlyList<CellResult> groupCells)
    {
        var metrics = new[] { ResultMetrics.GoodputBps, ResultMetrics.CoreSecondsPerGbit, ResultMetrics.TransactionsPerSecond }
            .Select(m => (Metric: m, Table: FleetPairTable.Of(hosts, groupCells, m)))
            .Where(m => m.Table.HasValues)
            .Take(2)
            .ToList();
        if (metrics.Count == 0)
            return null;
        var height = HeadingHeight + 140 + 48 * hosts.Count;
        var width = PanelWidth * metrics.Count;
        var title = string.Create(CultureInfo.InvariantCulture,
            $"Sender × receiver: {DatapathLabels.Of(key.Path, key.Impl)}, {profile}, {key.Test}, underlay MTU {key.UnderlayMtu}");
        var panels = metrics.Select((m, k) => new FigurePanel(Panel(m.Metric, m.Table), new PixelRect(k * PanelWidth, (k + 1) * PanelWidth, height, HeadingHeight))).ToList();
        var caption = "Each cell is the median over the repetitions of one ordered pair (row: sender, column: receiver), coloured by its ratio " +
            $"to the median pair: blue better, vermillion worse, full colour at ±{ReportNumbers.Percent(Saturation)}. " +
            "A host slow to send shows as a row, slow to receive as a column; the outlier table says which differences are beyond the noise.";
        return FigureCanvas.Render(NameFor(key, profile), title, caption, width, height, panels, heading: title, headingHeight: HeadingHeight);
    }

    private static Plot Panel(ResultMetric metric, FleetPairTable table)
    {
        var hosts = table.Hosts;
        var label = metric == ResultMetrics.GoodputBps ? "goodput (Gbit/s)" : $"{ReportAnalyzer.MetricLabel(metric)} ({metric.Unit})";
        var plot = FigureStyle.NewPlot(label, "receiver", "sender");
        plot.Grid.IsVisible = false;
        var values = table.Medians.Cast<double>().Where(double.IsFinite).ToArray();
        var median = Model.Statistics.SampleStatistics.Median(values);
        var higherIsBetter = metric.Direction == MetricDirection.HigherIsBetter;
        for (var s = 0; s < hosts.Count; s++)
        {
            for (var r = 0; r < hosts.Count; r++)
            {
                var value = table.Medians[s, r];
                // Row 0 at the top, as a table reads.
                var y = hosts.Count - 1 - s;
                var rectangle = plot.Add.Rectangle(r - 0.5, r + 0.5, y - 0.5, y + 0.5);
                rectangle.LineWidth = 1;
                rectangle.LineColor = Colors.White;
                if (!double.IsFinite(value))
                {
                    rectangle.FillColor = Color.FromHex("#EEEEEE");
                    continue;
                }
                var change = Math.Clamp(Math.Log(value / median) / Math.Log(1 + Saturation), -1, 1) * (higherIsBetter ? 1 : -1);
                rectangle.FillColor = change >= 0 ? Blend(FigureStyle.Blue, change) : Blend(FigureStyle.Vermillion, -change);
                var text = plot.Add.Text(metric == ResultMetrics.GoodputBps ? ReportNumbers.Gbit(value) : ReportNumbers.Number(value, 3), r, y);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = FigureStyle.PointLabelSize;
                text.LabelFontName = BundledFonts.Family;
                text.LabelFontColor = Math.Abs(change) > 0.6 ? Colors.White : FigureStyle.Ink;
            }
        }
        var positions = Enumerable.Range(0, hosts.Count).Select(i => (double)i).ToArray();
        FigureStyle.CategoryTicks(plot.Axes.Bottom, positions, hosts.ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, hosts.Reverse().ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.SetLimits(-0.5, hosts.Count - 0.5, -0.5, hosts.Count - 0.5);
        return plot;
    }

    /// <summary>White blended towards <paramref name="color"/> by <paramref name="amount"/> (0 to 1).</summary>
    private static Color Blend(Color color, double amount)
    {
        static byte Mix(byte channel, double amount) => (byte)Math.Round(255 + (channel - 255) * amount);
        return new Color(Mix(color.R, amount), Mix(color.G, amount), Mix(color.B, amount));
    }
}
