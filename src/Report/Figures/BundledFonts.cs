using ScottPlot;
using SkiaSharp;

namespace PerfSuite.Report.Figures;

/// <summary>The typefaces every figure uses, loaded from this assembly's resources and registered with ScottPlot
/// as its default font. ScottPlot's Linux build of Skia reads no system fonts, and a CI runner or container may
/// have none; without a font of our own, text would vanish or change with the machine.</summary>
public static class BundledFonts
{
    /// <summary>The family name figures ask for (and SVG text carries in <c>font-family</c>).</summary>
    public const string Family = "DejaVu Sans";

    private static readonly Lock RegistrationLock = new();
    private static bool _registered;

    /// <summary>DejaVu Sans (regular).</summary>
    public static SKTypeface Regular { get; } = Load("PerfSuite.Report.Fonts.DejaVuSans.ttf");

    /// <summary>DejaVu Sans Bold.</summary>
    public static SKTypeface Bold { get; } = Load("PerfSuite.Report.Fonts.DejaVuSans-Bold.ttf");

    /// <summary>Makes the bundled family ScottPlot's default and sans font. Idempotent and thread-safe;
    /// every figure calls it before building a plot.</summary>
    public static void Register()
    {
        lock (RegistrationLock)
        {
            if (_registered)
                return;
            Fonts.FontResolvers.Insert(0, new BundledFontResolver());
            Fonts.Default = Family;
            Fonts.Sans = Family;
            _registered = true;
        }
    }

    private static SKTypeface Load(string resource)
    {
        using var stream = typeof(BundledFonts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the font resource {resource} is missing from {typeof(BundledFonts).Assembly.GetName().Name}");
        return SKTypeface.FromStream(stream)
            ?? throw new InvalidOperationException($"the font resource {resource} is not a font Skia can read");
    }
}
