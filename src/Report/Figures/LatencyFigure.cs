using System.Globalization;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;
using PerfSuite.Report.Analysis;
using ScottPlot;

namespace PerfSuite.Report.Figures;

/// <summary>Figure 3: request/response latency (tcp-rr) per datapath at one underlay MTU, p50 beside p99.</summary>
internal static class LatencyFigure
{
    public const int Width = 1000;
    public const int Height = 560;

    public static string NameFor(int mtu) => string.Create(CultureInfo.InvariantCulture, $"latency-mtu{mtu}");

    public static Figure? Build(ReportAnalysis analysis, int mtu)
    {
        var rows = analysis.FigureRows(mtu).Where(r => r.RequestResponse is not null).ToList();
        if (rows.All(r => r.LatencyP99 is null && r.LatencyP50 is null))
            return null;
        var m = mtu.ToString(CultureInfo.InvariantCulture);
        var title = $"Request/response latency, underlay MTU {m}";
        var plot = FigureStyle.NewPlot(title, "Datapath (encapsulation overhead)", "Latency per transaction (µs)");
        var percentiles = new (string Name, Func<DatapathRow, MetricSummary?> Read, Color Color, double Offset)[]
        {
            ("p50", r => r.LatencyP50, FigureStyle.SkyBlue, -0.2),
            ("p99", r => r.LatencyP99, FigureStyle.Blue, 0.2),
        };
        var top = rows.Max(r => Math.Max(r.LatencyP99?.Upper ?? 0, r.LatencyP50?.Upper ?? 0));

        var bars = new List<Bar>();
        var xs = new List<double>();
        var ys = new List<double>();
        var low = new List<double>();
        var high = new List<double>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.LatencyP50 is null && row.LatencyP99 is null)
            {
                FigureStyle.MissingNote(plot, i, NoLatency(row.RequestResponse!));
                continue;
            }
            foreach (var (_, read, color, offset) in percentiles)
            {
                if (read(row) is not { } summary)
                    continue;
                var x = i + offset;
                bars.Add(new Bar { Position = x, Value = summary.Median, FillColor = color, LineWidth = 0, Size = 0.36 });
                xs.Add(x);
                ys.Add(summary.Median);
                low.Add(summary.Median - summary.Lower);
                high.Add(summary.Upper - summary.Median);
                var value = plot.Add.Text(ReportNumbers.Number(summary.Median, 3), x, summary.Upper);
                value.LabelAlignment = Alignment.LowerCenter;
                value.OffsetY = -4;
                value.LabelFontSize = FigureStyle.PointLabelSize - 1;
                value.LabelFontName = BundledFonts.Family;
                value.LabelFontColor = FigureStyle.Ink;
            }
        }
        plot.Add.Bars(bars);
        plot.Add.Plottable(new ScottPlot.Plottables.ErrorBar(xs, ys, null, null, high, low)
        {
            LineColor = FigureStyle.Ink,
            LineWidth = 1.5f,
            CapSize = 6,
        });

        foreach (var (name, _, color, _) in percentiles)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = name, FillColor = color });
        var summaries = rows.SelectMany(r => new[] { r.LatencyP50, r.LatencyP99 }).ToList();
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = CoverageText.Short(summaries), LineColor = FigureStyle.Ink, LineWidth = 1.5f });
        // Under the plot, not beside it: the bars keep the full width, and seven two-line datapath names fit.
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;

        FigureStyle.CategoryTicks(plot.Axes.Bottom, rows.Select((_, i) => (double)i).ToArray(), rows.Select(FigureStyle.DatapathTick).ToArray());
        plot.Axes.SetLimits(-0.6, rows.Count - 0.4, 0, FigureStyle.NiceTop(top * 1.15));

        var caption = "tcp-rr: one request and one response in flight per connection. Each repetition records its own " +
            "percentiles; the bars are the median of each percentile over the repetitions (percentiles are never averaged), " +
            $"the error bars {CoverageText.Sentence(summaries)}, the numbers the medians in µs.";
        var samples = rows.Select(r => r.LatencySamples).OfType<double>().ToList();
        if (samples.Count > 0)
        {
            // A p99 rests on the slowest 1 % of a repetition's transactions: say how many that is.
            var (fewest, most) = (samples.Min(), samples.Max());
            var range = ReportNumbers.Significant(fewest, 2) == ReportNumbers.Significant(most, 2)
                ? $"about {ReportNumbers.Significant(fewest, 2)}"
                : $"{ReportNumbers.Significant(fewest, 2)} to {ReportNumbers.Significant(most, 2)}";
            caption += $" Each repetition's percentiles come from {range} transactions, so its p99 from the slowest " +
                $"{(ReportNumbers.Significant(fewest * 0.01, 2) == ReportNumbers.Significant(most * 0.01, 2) ? ReportNumbers.Significant(fewest * 0.01, 2) : $"{ReportNumbers.Significant(fewest * 0.01, 2)} to {ReportNumbers.Significant(most * 0.01, 2)}")}.";
        }
        return FigureCanvas.Render(NameFor(mtu), title, caption, Width, Height, plot);
    }

    private static string NoLatency(GroupSummary group) =>
        group.Ok == 0 && group.Skipped > 0 && group.Failed == 0 ? "skipped"
        : group.Ok == 0 && group.Failed > 0 ? "failed"
        : "no latency";
}
