using System.Globalization;
using PerfSuite.Model.Ceiling;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Statistics;
using PerfSuite.Report.Analysis;
using ScottPlot;

namespace PerfSuite.Report.Figures;

/// <summary>Figure 1: goodput against encapsulation overhead, one series per underlay MTU, every point labelled
/// with its datapath. With a known line rate the axis is Gbit/s and each MTU's theoretical ceiling is drawn; in a
/// lab (no wire, so no ceiling) the axis is % of native at the same MTU, with the share the encapsulation bytes
/// alone would cost drawn instead.</summary>
internal static class GoodputOverheadFigure
{
    public const string Name = "goodput-overhead";
    public const int Width = 1000;
    public const int Height = 600;

    private const double MinX = -12;
    private const double MaxX = 128;

    public static Figure? Build(ReportAnalysis analysis)
    {
        var series = analysis.Mtus
            .Select(mtu => (Mtu: mtu, Rows: analysis.FigureRows(mtu).Where(r => r.Stream is not null && r.Datapath is not null).ToList()))
            .Where(s => s.Rows.Count > 0)
            .ToList();
        if (series.Count == 0 || series.All(s => s.Rows.All(r => r.Goodput is null)))
            return null;

        var relative = analysis.LineRate is null && series.All(s => s.Rows.Any(r => r.NativeFraction is not null && r.Path == Datapath.Native.Name));
        var title = relative ? "Goodput against encapsulation overhead, relative to native" : "Goodput against encapsulation overhead";
        var plot = FigureStyle.NewPlot(title, "Encapsulation overhead (bytes per packet, IPv4 underlay)",
            relative ? "Goodput relative to native (%)" : "Goodput (Gbit/s)");
        var overheads = Datapath.All.Select(d => d.OverheadIpv4).Distinct().Order().ToArray();
        FigureStyle.CategoryTicks(plot.Axes.Bottom, overheads.Select(o => (double)o).ToArray(),
            overheads.Select(o => o.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 4;

        var labels = new List<(Coordinates Point, string Text, Color Color)>();
        var obstacles = new List<(Coordinates Low, Coordinates High)>();
        var linePoints = new List<Coordinates>();
        var top = 0.0;
        for (var s = 0; s < series.Count; s++)
        {
            var (mtu, rows) = series[s];
            var color = FigureStyle.Series(s);
            var native = rows.FirstOrDefault(r => r.Path == Datapath.Native.Name && r.Impl == DatapathImplementation.Kernel)?.Goodput?.Median;
            double Scale(double bps) => relative ? bps / native!.Value * 100 : bps / 1e9;

            // The same overhead is shared by several datapaths (same-node, host, native are all 0) and by every
            // MTU: spread them a little so that no marker or error bar hides another.
            var seriesShift = (s - (series.Count - 1) / 2.0) * 1.2;
            var xs = new List<double>();
            var ys = new List<double>();
            var low = new List<double>();
            var high = new List<double>();
            var kernel = new List<Coordinates>();
            var userspace = new List<Coordinates>();
            var missing = new List<Coordinates>();
            foreach (var sameOverhead in rows.GroupBy(r => r.OverheadBytes!.Value))
            {
                var members = sameOverhead.OrderBy(r => DatapathLabels.SortKey(r.Path, r.Impl)).ToList();
                for (var i = 0; i < members.Count; i++)
                {
                    var row = members[i];
                    var x = sameOverhead.Key + seriesShift + (i - (members.Count - 1) / 2.0) * 3.2;
                    if (row.Goodput is not { } goodput)
                    {
                        var point = new Coordinates(x, 0);
                        missing.Add(point);
                        labels.Add((point, $"{row.Label}: {NotMeasured(row)}", FigureStyle.Missing));
                        continue;
                    }
                    var y = Scale(goodput.Median);
                    xs.Add(x);
                    ys.Add(y);
                    low.Add(y - Scale(goodput.Lower));
                    high.Add(Scale(goodput.Upper) - y);
                    top = Math.Max(top, Scale(goodput.Upper));
                    (row.Impl == DatapathImplementation.Userspace ? userspace : kernel).Add(new Coordinates(x, y));
                    labels.Add((new Coordinates(x, y), row.Label, color));
                    obstacles.Add((new Coordinates(x, Scale(goodput.Lower)), new Coordinates(x, Scale(goodput.Upper))));
                }
            }

            var errors = new ScottPlot.Plottables.ErrorBar(xs, ys, null, null, high, low)
            {
                LineColor = color,
                LineWidth = 1.5f,
                CapSize = 6,
            };
            plot.Add.Plottable(errors);
            AddMarkers(plot, kernel, MarkerShape.FilledCircle, color, $"MTU {mtu.ToString(CultureInfo.InvariantCulture)}");
            AddMarkers(plot, userspace, MarkerShape.OpenCircle, color, null);
            AddMarkers(plot, missing, MarkerShape.Eks, FigureStyle.Missing, null);

            var reference = ReferenceLine(mtu, rows, relative, analysis.LineRate);
            if (reference is not null)
            {
                var line = plot.Add.ScatterLine(reference.Value.Points.ToArray(), color);
                line.LinePattern = LinePattern.Dashed;
                line.LineWidth = 1.5f;
                line.MarkerSize = 0;
                line.LegendText = reference.Value.Legend;
                linePoints.AddRange(reference.Value.Points);
                top = Math.Max(top, reference.Value.Points.Max(p => p.Y));
            }
        }
        if (labels.Any(l => l.Color == FigureStyle.Missing))
        {
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = "no numbers (failed or skipped)",
                MarkerShape = MarkerShape.Eks,
                MarkerColor = FigureStyle.Missing,
                MarkerSize = 9,
                LineWidth = 0,
            });
        }
        if (labels.Any(l => l.Text.EndsWith("(userspace)", StringComparison.Ordinal)))
        {
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = "hollow: userspace implementation",
                MarkerShape = MarkerShape.OpenCircle,
                MarkerColor = FigureStyle.Ink,
                MarkerSize = 9,
                LineWidth = 0,
            });
        }

        // A little room below zero so that the crosses of missing datapaths are drawn whole.
        var yMax = FigureStyle.NiceTop(top * 1.06);
        plot.Axes.SetLimits(MinX, MaxX, -yMax * 0.03, yMax);
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;

        PlaceLabels(plot, labels, obstacles, linePoints);

        var interval = CoverageText.Sentence(series.SelectMany(x => x.Rows).Select(r => r.Goodput));
        var caption = relative
            ? "Each datapath's median goodput as a percentage of native's at the same underlay MTU; error bars are " +
              $"{interval} of the median, divided by native's median. Dashed: the goodput the encapsulation bytes alone leave, " +
              "so the distance between a point and its dashed line is datapath cost, not wire. There is no line rate in a lab, so no absolute ceiling."
            : $"Median goodput per datapath and underlay MTU; error bars are {interval} of the median. Dashed: the " +
              $"theoretical goodput ceiling at {(analysis.LineRate is { } rate ? ReportNumbers.Gbit(rate.Bps) + " Gbit/s line rate" : "the line rate")} (RFC 6349 §4.1.1, methodology §2).";
        caption += " Points sharing an overhead are spread sideways so none hides another; hollow markers are userspace implementations.";
        return FigureCanvas.Render(Name, title, caption, Width, Height, plot);
    }

    private static string NotMeasured(DatapathRow row) =>
        row.Skipped > 0 && row.Failed == 0 ? "skipped" : row.Failed > 0 && row.Skipped == 0 ? "failed" : "no goodput";

    private static void AddMarkers(Plot plot, List<Coordinates> points, MarkerShape shape, Color color, string? legend)
    {
        if (points.Count == 0)
        {
            if (legend is not null)
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = legend, MarkerShape = shape, MarkerColor = color, MarkerSize = 9, LineColor = color, LineWidth = 1.5f });
            return;
        }
        var markers = plot.Add.Markers(points.ToArray(), shape, 9, color);
        markers.MarkerLineWidth = 2;
        if (legend is not null)
            markers.LegendText = legend;
    }

    /// <summary>The ceiling at every standard overhead (absolute) or what the wire alone leaves relative to native.</summary>
    private static (List<Coordinates> Points, string Legend)? ReferenceLine(int mtu, List<DatapathRow> rows, bool relative, LineRate? lineRate)
    {
        var m = mtu.ToString(CultureInfo.InvariantCulture);
        var overheads = Datapath.All.GroupBy(d => d.OverheadIpv4).Select(g => g.First()).OrderBy(d => d.OverheadIpv4).ToList();
        try
        {
            if (relative)
            {
                var native = GoodputCeiling.Compute(Datapath.Native, new CeilingInputs(1e9, mtu)).GoodputBps;
                return (overheads.Select(d => new Coordinates(d.OverheadIpv4, GoodputCeiling.Compute(d, new CeilingInputs(1e9, mtu)).GoodputBps / native * 100)).ToList(),
                    $"wire overhead alone, MTU {m}");
            }
            if (lineRate is null)
                return null;
            return (overheads.Select(d => new Coordinates(d.OverheadIpv4, GoodputCeiling.Compute(d, new CeilingInputs(lineRate.Bps, mtu)).GoodputBps / 1e9)).ToList(),
                $"ceiling, MTU {m}");
        }
        catch (ArgumentOutOfRangeException)
        {
            // An MTU too small to carry a packet on every datapath: no line to draw.
            return null;
        }
    }

    private static void PlaceLabels(Plot plot, List<(Coordinates Point, string Text, Color Color)> labels,
        List<(Coordinates Low, Coordinates High)> errorBars, List<Coordinates> linePoints)
    {
        plot.RenderInMemory(Width, Height);
        var area = plot.LastRender.DataRect;
        var obstacles = new List<PixelRect>();
        foreach (var (point, _, _) in labels)
            obstacles.Add(new PixelRect(plot.GetPixel(point), 7));
        foreach (var (low, high) in errorBars)
        {
            var a = plot.GetPixel(low);
            var b = plot.GetPixel(high);
            obstacles.Add(new PixelRect(a.X - 5, a.X + 5, a.Y, b.Y));
        }
        // The dashed lines are diagonal: cover them with small squares along their length.
        for (var i = 1; i < linePoints.Count; i++)
        {
            var a = plot.GetPixel(linePoints[i - 1]);
            var b = plot.GetPixel(linePoints[i]);
            if (b.X < a.X)
                continue;
            var steps = Math.Max(1, (int)(Math.Abs(b.X - a.X) / 8));
            for (var k = 0; k <= steps; k++)
            {
                var t = k / (float)steps;
                obstacles.Add(new PixelRect(new Pixel(a.X + (b.X - a.X) * t, a.Y + (b.Y - a.Y) * t), 3));
            }
        }

        var placements = PointLabelLayout.Place(labels.Select(l => (plot.GetPixel(l.Point), l.Text)).ToList(), obstacles, area, FigureStyle.PointLabelSize);
        for (var i = 0; i < labels.Count; i++)
        {
            var (point, text, color) = labels[i];
            var rect = placements[i].Rect;
            var corner = plot.GetCoordinates(new Pixel(rect.Left + 2, rect.Top + 1));
            var label = plot.Add.Text(text, corner);
            label.LabelAlignment = Alignment.UpperLeft;
            label.LabelFontSize = FigureStyle.PointLabelSize;
            label.LabelFontName = BundledFonts.Family;
            label.LabelFontColor = color;
            label.LabelPadding = 0;
            if (placements[i].Ring > 0)
            {
                var anchor = plot.GetPixel(point);
                var nearest = new Pixel(Math.Clamp(anchor.X, rect.Left, rect.Right), Math.Clamp(anchor.Y, rect.Top, rect.Bottom));
                var leader = plot.Add.Line(point, plot.GetCoordinates(nearest));
                leader.LineColor = FigureStyle.Grey;
                leader.LineWidth = 1;
                leader.MarkerSize = 0;
            }
        }
    }
}
