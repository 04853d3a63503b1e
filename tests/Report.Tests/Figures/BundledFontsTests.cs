using PerfSuite.Report.Figures;

namespace PerfSuite.Report.Tests.Figures;

public sealed class BundledFontsTests
{
    [Fact]
    public void Registration_makes_the_bundled_family_scottplots_default()
    {
        // Given the fonts registered (twice, as every figure does)
        BundledFonts.Register();
        BundledFonts.Register();

        // When ScottPlot resolves its default font
        var typeface = ScottPlot.Fonts.GetTypeface(ScottPlot.Fonts.Default, bold: false, italic: false);
        var bold = ScottPlot.Fonts.GetTypeface(ScottPlot.Fonts.Default, bold: true, italic: false);

        // Then it gets the embedded DejaVu Sans, regular and bold, whatever fonts the machine has
        Assert.Equal(BundledFonts.Family, ScottPlot.Fonts.Default);
        Assert.Equal("DejaVu Sans", typeface.FamilyName);
        Assert.True(bold.FontWeight >= 600);
        Assert.Equal(1, ScottPlot.Fonts.FontResolvers.Count(r => r.GetType().Name == "BundledFontResolver"));
    }

    [Fact]
    public void The_bundled_font_has_every_symbol_the_report_writes()
    {
        Assert.True(BundledFonts.Regular.ContainsGlyphs("µ×·−…≠ %"));
        Assert.True(BundledFonts.Bold.ContainsGlyphs("µ×·−…≠ %"));
    }
}
