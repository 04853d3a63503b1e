using System.Globalization;
using System.Text.RegularExpressions;

namespace PerfSuite.Report.Tests.Support;

/// <summary>Where the texts of a figure's SVG are drawn. Skia writes every glyph's position (<c>x="a, b, c, "</c>)
/// under a <c>translate(tx ty)</c>, so a text's box runs from its first glyph to its last plus one glyph's advance,
/// and from the baseline up by the ascent. Rotated texts (the y-axis title) are left out.</summary>
internal static partial class SvgTextBoxes
{
    /// <summary>A drawn text and its box in pixels.</summary>
    public readonly record struct Box(string Text, double Left, double Right, double Top, double Bottom)
    {
        public bool Overlaps(Box other, double gap) =>
            Left < other.Right + gap && other.Left < Right + gap && Top < other.Bottom && other.Top < Bottom;
    }

    public static IReadOnlyList<Box> Of(string svg)
    {
        var boxes = new List<Box>();
        foreach (var element in SvgText.Parse(svg).Descendants().Where(e => e.Name.LocalName == "text"))
        {
            var transform = element.Attribute("transform")?.Value ?? "";
            var translate = Translate().Match(transform);
            if (!translate.Success || transform.Contains("rotate", StringComparison.Ordinal) || transform.Contains("matrix", StringComparison.Ordinal))
                continue;
            var xs = Numbers(element.Attribute("x")?.Value);
            var ys = Numbers(element.Attribute("y")?.Value);
            var text = element.Value.Trim();
            if (xs.Count == 0 || ys.Count == 0 || text.Length == 0)
                continue;
            var size = double.Parse(element.Attribute("font-size")?.Value ?? "12", CultureInfo.InvariantCulture);
            var tx = double.Parse(translate.Groups[1].Value, CultureInfo.InvariantCulture);
            var ty = double.Parse(translate.Groups[2].Value, CultureInfo.InvariantCulture);
            var baseline = ty + ys[0];
            boxes.Add(new Box(text, tx + xs.Min(), tx + xs.Max() + size * 0.6, baseline - size * 0.75, baseline + size * 0.2));
        }
        return boxes;
    }

    /// <summary>Every pair of texts whose boxes overlap or come closer than <paramref name="gap"/> pixels side by side.</summary>
    public static IReadOnlyList<string> Collisions(string svg, double gap = 2)
    {
        var boxes = Of(svg);
        var collisions = new List<string>();
        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                if (boxes[i].Overlaps(boxes[j], gap))
                    collisions.Add($"\"{boxes[i].Text}\" and \"{boxes[j].Text}\"");
            }
        }
        return collisions;
    }

    private static List<double> Numbers(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex(@"translate\(([-\d.e]+)[ ,]+([-\d.e]+)\)")]
    private static partial Regex Translate();
}
