using System.Globalization;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Statistics;
using PerfSuite.Report.Analysis;
using ScottPlot;

namespace PerfSuite.Report.Figures;

/// <summary>The key figure, under the summary tables: what each datapath costs against native, goodput as % of
/// native beside CPU per Gbit as a multiple of native's, one row per datapath and one colour per underlay MTU,
/// each point the Hodges–Lehmann ratio of the repetitions with its Moses interval. Rows run horizontally, so
/// datapath names sit on the left axis and never collide. The CPU panel is on a log axis: the kernel paths sit
/// within ±30 % of native and the userspace ones at 5–50×, and only on a log axis are both legible at once (and a
/// halving is as far from 1× as a doubling, as a ratio's uncertainty is).</summary>
internal static class CostAgainstNativeFigure
{
    public const string Name = "cost-vs-native";
    public const int Width = 1000;
    private const int HeadingHeight = 40;
    private const int RowHeight = 44;
    private const int Margins = 150;
    private const int LeftWidth = 560;

    private static readonly double[] LogTicks = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500];

    public static Figure? Build(ReportAnalysis analysis)
    {
        var series = analysis.Mtus
            .Select(mtu => (Mtu: mtu, Rows: analysis.FigureRows(mtu).Where(r => r.VsNative?.Goodput is not null || r.VsNative?.CpuPerGbit is not null).ToList()))
            .Where(s => s.Rows.Count > 0)
            .ToList();
        if (series.Count == 0)
            return null;
        var labels = series.SelectMany(s => s.Rows).Select(r => (r.Path, r.Impl)).Distinct()
            .OrderBy(p => DatapathLabels.SortKey(p.Path, p.Impl)).ToList();
        var height = HeadingHeight + Margins + labels.Count * RowHeight;
        // Top row first: a category axis counts upwards, so row i sits at y = count − 1 − i.
        double Y(string path, DatapathImplementation impl, int s) =>
            labels.Count - 1 - labels.IndexOf((path, impl)) - (s - (series.Count - 1) / 2.0) * 0.22;

        var goodput = FigureStyle.NewPlot(null, "Goodput (% of native)", "");
        var cpu = FigureStyle.NewPlot(null, "CPU per Gbit (× native, log axis)", "");
        var intervals = new List<ConfidenceInterval>();
        double goodputHigh = 110, cpuLow = 0.5, cpuHigh = 2;
        for (var s = 0; s < series.Count; s++)
        {
            var (mtu, rows) = series[s];
            var color = FigureStyle.Series(s);
            foreach (var row in rows)
            {
                var y = Y(row.Path, row.Impl, s);
                var hollow = row.Impl == DatapathImplementation.Userspace;
                if (row.VsNative?.Goodput is { } g)
                {
                    Point(goodput, g.Estimate * 100, g.Lower * 100, g.Upper * 100, y, color, hollow);
                    goodputHigh = Math.Max(goodputHigh, g.Upper * 100);
                    intervals.Add(g);
                }
                if (row.VsNative?.CpuPerGbit is { } c)
                {
                    Point(cpu, Math.Log10(c.Estimate), Math.Log10(c.Lower), Math.Log10(c.Upper), y, color, hollow);
                    cpuLow = Math.Min(cpuLow, c.Lower);
                    cpuHigh = Math.Max(cpuHigh, c.Upper);
                    intervals.Add(c);
                }
            }
            goodput.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = $"MTU {mtu.ToString(CultureInfo.InvariantCulture)}",
                MarkerShape = MarkerShape.FilledCircle,
                MarkerColor = color,
                MarkerSize = 9,
                LineColor = color,
                LineWidth = 2,
            });
        }

        Reference(goodput, 100);
        Reference(cpu, 0);
        var ys = Enumerable.Range(0, labels.Count).Select(i => (double)(labels.Count - 1 - i)).ToArray();
        goodput.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ys, labels.Select(l => DatapathLabels.Of(l.Path, l.Impl)).ToArray());
        goodput.Axes.Left.MajorTickStyle.Length = 0;
        cpu.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ys, ys.Select(_ => "").ToArray());
        cpu.Axes.Left.MajorTickStyle.Length = 0;
        cpu.Axes.Left.MinimumSize = 10;
        var ticks = LogTicks.Where(t => t >= cpuLow / 1.5 && t <= cpuHigh * 1.5).ToArray();
        cpu.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.Select(Math.Log10).ToArray(),
            ticks.Select(t => t.ToString("0.##", CultureInfo.InvariantCulture) + "×").ToArray());
        var yLimits = (-0.6, labels.Count - 0.4);
        var goodputTop = FigureStyle.NiceTop(goodputHigh * 1.08);
        goodput.Axes.SetLimits(0, goodputTop, yLimits.Item1, yLimits.Item2);
        // Few round ticks: the automatic ones every 20 % crowd the narrow panel.
        var step = goodputTop > 150 ? 50 : goodputTop > 60 ? 25 : 10;
        var goodputTicks = Enumerable.Range(0, (int)(goodputTop / step) + 1).Select(i => i * (double)step).ToArray();
        goodput.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(goodputTicks,
            goodputTicks.Select(t => t.ToString("0", CultureInfo.InvariantCulture)).ToArray());
        cpu.Axes.SetLimits(Math.Log10(cpuLow / 1.4), Math.Log10(cpuHigh * 1.4), yLimits.Item1, yLimits.Item2);

        // Both panels carry a one-line legend at the bottom, so their data areas stay level with each other.
        goodput.ShowLegend(Edge.Bottom);
        goodput.Legend.Orientation = Orientation.Horizontal;
        var coverage = CoverageText.Short(intervals.Cast<ConfidenceInterval?>());
        cpu.Legend.ManualItems.Add(new LegendItem { LabelText = $"line: {coverage}", LineColor = FigureStyle.Ink, LineWidth = 2 });
        if (series.Any(s => s.Rows.Any(r => r.Impl == DatapathImplementation.Userspace)))
        {
            cpu.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = "hollow: userspace",
                MarkerShape = MarkerShape.OpenCircle,
                MarkerColor = FigureStyle.Ink,
                MarkerSize = 9,
                LineWidth = 0,
            });
        }
        cpu.ShowLegend(Edge.Bottom);
        cpu.Legend.Orientation = Orientation.Horizontal;

        var title = "What each datapath costs against native";
        // A run without CPU figures (or without goodput) gets the one panel it has, the full width.
        var hasGoodput = series.Any(x => x.Rows.Any(r => r.VsNative?.Goodput is not null));
        var hasCpu = series.Any(x => x.Rows.Any(r => r.VsNative?.CpuPerGbit is not null));
        var panels = new List<FigurePanel>();
        if (hasGoodput && hasCpu)
        {
            panels.Add(new(goodput, new PixelRect(0, LeftWidth, height, HeadingHeight)));
            panels.Add(new(cpu, new PixelRect(LeftWidth, Width, height, HeadingHeight)));
        }
        else
        {
            var only = hasGoodput ? goodput : cpu;
            if (!hasGoodput)
            {
                cpu.Axes.Left.TickGenerator = goodput.Axes.Left.TickGenerator;
                cpu.Axes.Left.MinimumSize = 0;
            }
            only.Legend.ManualItems.AddRange(hasGoodput ? cpu.Legend.ManualItems : goodput.Legend.ManualItems);
            panels.Add(new(only, new PixelRect(0, Width, height, HeadingHeight)));
        }
        var caption = "Each datapath against native at the same underlay MTU and profile: the point is the Hodges–Lehmann ratio of the " +
            $"repetitions, the line Moses' {coverage} of it. Left, goodput as % of native; right, CPU per Gbit as a multiple of native's, on a " +
            "log axis so that kernel paths near 1× and userspace paths at tens of × are both legible. A line that crosses the reference " +
            "(100 %, 1×) is not distinguishable from native with these repetitions.";
        return FigureCanvas.Render(Name, title, caption, Width, height, panels, heading: title, headingHeight: HeadingHeight);
    }

    private static void Point(Plot plot, double x, double low, double high, double y, Color color, bool hollow)
    {
        var line = plot.Add.Line(low, y, high, y);
        line.LineColor = color;
        line.LineWidth = 2;
        line.MarkerSize = 0;
        foreach (var end in new[] { low, high })
        {
            var cap = plot.Add.Line(end, y - 0.09, end, y + 0.09);
            cap.LineColor = color;
            cap.LineWidth = 2;
            cap.MarkerSize = 0;
        }
        var marker = plot.Add.Marker(x, y, hollow ? MarkerShape.OpenCircle : MarkerShape.FilledCircle, 10, color);
        marker.MarkerLineWidth = 2;
        if (hollow)
            marker.MarkerFillColor = Colors.White;
    }

    private static void Reference(Plot plot, double x)
    {
        var line = plot.Add.VerticalLine(x, 1.5f, FigureStyle.Ink);
        line.LinePattern = LinePattern.Dashed;
    }
}
