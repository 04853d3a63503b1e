using System.Globalization;
using PerfSuite.Model.Results;
using PerfSuite.Report.Analysis;
using ScottPlot;

namespace PerfSuite.Report.Figures;

/// <summary>Figure 4: goodput over time within each stream cell at one underlay MTU, one panel per datapath and
/// one line per repetition, all panels on the same scale: slow start, stalls and drift show here.</summary>
internal static class GoodputTimelineFigure
{
    public const int PanelWidth = 420;
    public const int PanelHeight = 300;
    public const int MaxColumns = 3;

    public static string NameFor(int mtu) => string.Create(CultureInfo.InvariantCulture, $"timeline-mtu{mtu}");

    public static Figure? Build(ReportAnalysis analysis, int mtu)
    {
        var rows = analysis.FigureRows(mtu).Where(r => r.Stream is not null).ToList();
        var cellsOf = rows.ToDictionary(r => r, r => analysis.Document.Cells
            .Where(c => CellGroupKey.Of(c) == CellGroupKey.Of(r.Stream!))
            .OrderBy(c => c.Rep)
            .ToList());
        if (!cellsOf.Values.Any(cells => cells.Any(c => c.Metrics?.Timeline is { Count: > 0 })))
            return null;

        var xMax = cellsOf.Values.SelectMany(c => c).SelectMany(c => c.Metrics?.Timeline ?? []).Select(p => p.TSeconds).DefaultIfEmpty(1).Max();
        var columns = Math.Min(MaxColumns, rows.Count);
        var panelRows = (rows.Count + columns - 1) / columns;
        const int titleHeight = 40;
        var width = columns * PanelWidth;
        var height = titleHeight + panelRows * PanelHeight;

        var title = $"Goodput over time within each cell, underlay MTU {mtu.ToString(CultureInfo.InvariantCulture)}";
        var panels = new List<FigurePanel>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var overhead = row.OverheadBytes is { } o ? $" · {o.ToString(CultureInfo.InvariantCulture)} B" : "";
            var plot = FigureStyle.NewPlot($"{row.Label}{overhead}",
                "Time in measurement window (s)", "Goodput (Gbit/s)", 0.85f);
            // Each panel has its own scale, from zero: a userspace datapath at 1 Gbit/s beside native at 20 would
            // otherwise be a flat line, and its stalls are what this figure is for. Figure 1 compares levels.
            var top = cellsOf[row].SelectMany(c => c.Metrics?.Timeline ?? []).Select(p => p.Bps / 1e9).DefaultIfEmpty(1).Max();
            var yMax = FigureStyle.NiceTop(top * 1.15);
            var drawn = 0;
            foreach (var cell in cellsOf[row])
            {
                if (cell.Metrics?.Timeline is not { Count: > 0 } timeline)
                    continue;
                var line = plot.Add.ScatterLine(timeline.Select(p => p.TSeconds).ToArray(), timeline.Select(p => p.Bps / 1e9).ToArray(),
                    FigureStyle.Series(cell.Rep - 1));
                line.LineWidth = 1.8f;
                line.MarkerSize = 4;
                line.LegendText = i == 0 ? $"rep {cell.Rep.ToString(CultureInfo.InvariantCulture)}" : "";
                drawn++;
            }
            var missing = cellsOf[row].Where(c => c.Status != CellStatus.Ok).ToList();
            if (drawn == 0 || missing.Count > 0)
            {
                var text = drawn == 0 && missing.Count == 0 ? "no timeline recorded"
                    : string.Join("\n", missing.Select(c => $"rep {c.Rep.ToString(CultureInfo.InvariantCulture)} {(c.Status == CellStatus.Failed ? "failed" : "skipped")}"));
                var note = plot.Add.Text(text, xMax / 2, drawn == 0 ? yMax / 2 : yMax * 0.08);
                note.LabelAlignment = Alignment.MiddleCenter;
                note.LabelFontSize = FigureStyle.PointLabelSize;
                note.LabelFontName = BundledFonts.Family;
                note.LabelFontColor = FigureStyle.Missing;
            }
            if (i == 0 && drawn > 0)
            {
                plot.ShowLegend(Alignment.LowerRight);
                plot.Legend.Orientation = Orientation.Horizontal;
            }
            plot.Axes.SetLimits(0, xMax * 1.02, 0, yMax);
            var left = i % columns * PanelWidth;
            var topPx = titleHeight + i / columns * PanelHeight;
            panels.Add(new FigurePanel(plot, new PixelRect(left, left + PanelWidth, topPx + PanelHeight, topPx)));
        }

        var caption = "Goodput per interval within the measurement window (warm-up excluded) of every repetition; each panel " +
            "has its own scale, from zero. A first interval below the rest is slow start; a dip in one repetition only is a stall " +
            "(a descheduled userspace datapath, a retransmission timeout); lines that disagree throughout are drift between repetitions.";
        return FigureCanvas.Render(NameFor(mtu), title, caption, width, height, panels, heading: title, headingHeight: titleHeight);
    }
}
