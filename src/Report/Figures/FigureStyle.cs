using System.Globalization;
using PerfSuite.Model.Datapaths;
using PerfSuite.Report.Analysis;
using ScottPlot;

namespace PerfSuite.Report.Figures;

/// <summary>The look every figure shares: fonts and sizes, grid, and colours that mean the same thing in every
/// figure (a datapath, a CPU category, an MTU). Colours are the Okabe–Ito set, which readers with any common
/// colour-vision deficiency can tell apart.</summary>
internal static class FigureStyle
{
    public const float TitleSize = 16;
    public const float AxisLabelSize = 14;
    public const float TickSize = 12;
    public const float LegendSize = 12;
    public const float PointLabelSize = 12;

    public static readonly Color Blue = Color.FromHex("#0072B2");
    public static readonly Color Orange = Color.FromHex("#E69F00");
    public static readonly Color Green = Color.FromHex("#009E73");
    public static readonly Color Purple = Color.FromHex("#CC79A7");
    public static readonly Color Vermillion = Color.FromHex("#D55E00");
    public static readonly Color SkyBlue = Color.FromHex("#56B4E9");
    public static readonly Color Yellow = Color.FromHex("#F0E442");
    public static readonly Color Grey = Color.FromHex("#999999");
    public static readonly Color Ink = Color.FromHex("#222222");
    public static readonly Color Missing = Color.FromHex("#B00020");

    private static readonly Color[] Sequence = [Blue, Vermillion, Green, Purple, Orange, SkyBlue, Grey, Yellow];

    /// <summary>The n-th colour of a series with no meaning of its own (MTUs, profiles, repetitions).</summary>
    public static Color Series(int index) => Sequence[index % Sequence.Length];

    public static Color Category(string category) => category switch
    {
        "user" => Blue,
        "nice" => SkyBlue,
        "system" => Orange,
        "irq" => Yellow,
        "softirq" => Vermillion,
        "steal" => Grey,
        _ => Purple,
    };

    /// <summary>A new plot with the bundled font, the shared sizes, a white background and a light grid.</summary>
    public static Plot NewPlot(string? title, string xLabel, string yLabel, float scale = 1)
    {
        BundledFonts.Register();
        var plot = new Plot();
        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.10);
        plot.Axes.Frame(true);
        if (title is not null)
            plot.Title(title, TitleSize * scale);
        plot.XLabel(xLabel, AxisLabelSize * scale);
        plot.YLabel(yLabel, AxisLabelSize * scale);
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.TickLabelStyle.FontSize = TickSize * scale;
            axis.TickLabelStyle.FontName = BundledFonts.Family;
            axis.Label.FontName = BundledFonts.Family;
        }
        plot.Axes.Title.Label.FontName = BundledFonts.Family;
        plot.Legend.FontName = BundledFonts.Family;
        plot.Legend.FontSize = LegendSize * scale;
        plot.Legend.SetBestFontOnEachRender = false;
        return plot;
    }

    /// <summary>A category axis: ticks only at the given positions, with these labels, no minor ticks.</summary>
    public static void CategoryTicks(IXAxis axis, double[] positions, string[] labels)
    {
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels);
        axis.MajorTickStyle.Length = 0;
    }

    /// <summary>How a category axis names a datapath: its name, its overhead, and "userspace" on a line of its own when
    /// it is (on one line with the overhead, neighbouring labels of the longer names ran into each other).</summary>
    public static string DatapathTick(DatapathRow row) =>
        $"{row.Path}\n{(row.OverheadBytes is { } o ? o.ToString(CultureInfo.InvariantCulture) + " B" : "? B")}"
        + (row.Impl == DatapathImplementation.Userspace ? "\nuserspace" : "");

    /// <summary>A red word where a bar would be, so that a missing datapath is visible and not just absent.</summary>
    public static void MissingNote(Plot plot, double x, string text)
    {
        var note = plot.Add.Text(text, x, 0);
        note.LabelAlignment = Alignment.LowerCenter;
        note.OffsetY = -6;
        note.LabelFontSize = PointLabelSize;
        note.LabelFontName = BundledFonts.Family;
        note.LabelFontColor = Missing;
    }

    /// <summary>A round axis top: the value rounded up to a fifth of its power of ten (137 → 140, 9.84 → 10).</summary>
    public static double NiceTop(double value)
    {
        if (!(value > 0))
            return 1;
        var step = Math.Pow(10, Math.Floor(Math.Log10(value))) / 5;
        return Math.Ceiling(value / step - 1e-9) * step;
    }
}
