using System.Text;
using ScottPlot;
using SkiaSharp;

namespace PerfSuite.Report.Figures;

/// <summary>Draws plots onto one canvas, headless, twice: into a PNG through a raster surface and into an SVG
/// through Skia's SVG canvas, so that both files show exactly the same figure.</summary>
internal static class FigureCanvas
{
    /// <summary>The font-family every SVG text element carries.</summary>
    public const string SvgFontFamily = BundledFonts.Family + ", Verdana, sans-serif";

    public static Figure Render(string name, string title, string caption, int width, int height, Plot plot) =>
        Render(name, title, caption, width, height, [new FigurePanel(plot, new PixelRect(0, width, height, 0))]);

    /// <param name="heading">A title over all panels, drawn in the top <paramref name="headingHeight"/> pixels.</param>
    public static Figure Render(string name, string title, string caption, int width, int height, IReadOnlyList<FigurePanel> panels,
        string? heading = null, int headingHeight = 0)
    {
        BundledFonts.Register();
        foreach (var panel in panels)
        {
            // Each plot would otherwise clear the whole canvas, erasing the panels drawn before it; in an SVG a
            // clear also becomes a black rectangle, since a transparent fill is written as no fill at all.
            panel.Plot.RenderManager.ClearCanvasBeforeEachRender = false;
        }
        void Draw(SKCanvas canvas)
        {
            using var white = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Fill };
            canvas.DrawRect(new SKRect(0, 0, width, height), white);
            foreach (var panel in panels)
                panel.Plot.Render(canvas, panel.Rect);
            if (heading is not null)
            {
                using var font = new SKFont(BundledFonts.Bold, FigureStyle.TitleSize);
                using var ink = new SKPaint { Color = SKColor.Parse("222222"), IsAntialias = true };
                canvas.DrawText(heading, width / 2f, headingHeight / 2f + FigureStyle.TitleSize / 2.8f, SKTextAlign.Center, font, ink);
            }
        }
        return new Figure(name, title, caption, width, height, Png(width, height, Draw), Svg(width, height, Draw));
    }

    private static byte[] Png(int width, int height, Action<SKCanvas> draw)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Skia could not create a {width}×{height} surface");
        draw(surface.Canvas);
        surface.Canvas.Flush();
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static string Svg(int width, int height, Action<SKCanvas> draw)
    {
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
            draw(canvas);
        // Skia names only the bundled family; a viewer without it would fall back to its default, often a serif.
        // Verdana has nearly DejaVu Sans's metrics, which matters because Skia positions every glyph itself.
        return Encoding.UTF8.GetString(stream.ToArray())
            .Replace($"font-family=\"{BundledFonts.Family}\"", $"font-family=\"{SvgFontFamily}\"", StringComparison.Ordinal);
    }
}
