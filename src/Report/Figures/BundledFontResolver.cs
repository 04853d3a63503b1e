using ScottPlot;
using SkiaSharp;

namespace PerfSuite.Report.Figures;

/// <summary>Answers ScottPlot's font requests for <see cref="BundledFonts.Family"/> with the bundled typefaces;
/// returns null for any other family so that ScottPlot's next resolver is asked.</summary>
internal sealed class BundledFontResolver : IFontResolver
{
    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        string.Equals(fontName, BundledFonts.Family, StringComparison.OrdinalIgnoreCase)
            ? weight >= FontWeight.SemiBold ? BundledFonts.Bold : BundledFonts.Regular
            : null;

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        CreateTypeface(fontName, bold ? FontWeight.Bold : FontWeight.Normal, italic ? FontSlant.Italic : FontSlant.Upright, FontSpacing.Normal);
}
