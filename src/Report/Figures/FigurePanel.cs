using ScottPlot;

namespace PerfSuite.Report.Figures;

/// <summary>A plot and the rectangle of the figure it fills (a figure of small multiples has several).</summary>
internal sealed record FigurePanel(Plot Plot, PixelRect Rect);
