using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PerfSuite.Report.Pages;

/// <summary>Prepares an SVG document to sit inside an HTML page beside other SVGs. Ids in inline SVGs share the
/// page's id space, and Skia numbers its clip paths the same way in every file (<c>cl_4</c> ...): without a prefix
/// per figure, every figure would clip to the first figure's rectangles.</summary>
internal static partial class SvgInliner
{
    private static readonly XNamespace Xlink = "http://www.w3.org/1999/xlink";

    /// <param name="svg">A complete SVG document (with or without an XML declaration).</param>
    /// <param name="idPrefix">Prepended to every id and every reference to one.</param>
    /// <param name="label">The figure's title, for screen readers.</param>
    public static string Inline(string svg, string idPrefix, string label)
    {
        var document = XDocument.Parse(svg);
        var root = document.Root ?? throw new FormatException("the SVG has no root element");
        var ids = root.DescendantsAndSelf()
            .Select(e => e.Attribute("id")?.Value)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        foreach (var element in root.DescendantsAndSelf())
        {
            foreach (var attribute in element.Attributes().ToList())
            {
                if (attribute.IsNamespaceDeclaration)
                    continue;
                if (attribute.Name == "id")
                    attribute.Value = idPrefix + attribute.Value;
                else if (attribute.Name == Xlink + "href" || attribute.Name == "href")
                    attribute.Value = attribute.Value.StartsWith('#') && ids.Contains(attribute.Value[1..]) ? "#" + idPrefix + attribute.Value[1..] : attribute.Value;
                else if (attribute.Value.Contains("url(#", StringComparison.Ordinal))
                    attribute.Value = UrlReference().Replace(attribute.Value, m => ids.Contains(m.Groups[1].Value) ? $"url(#{idPrefix}{m.Groups[1].Value})" : m.Value);
            }
        }
        // A viewBox lets the page scale the drawing to its column; width and height stay as the natural size.
        if (root.Attribute("viewBox") is null && root.Attribute("width") is { } w && root.Attribute("height") is { } h)
            root.SetAttributeValue("viewBox", string.Create(CultureInfo.InvariantCulture, $"0 0 {w.Value} {h.Value}"));
        root.SetAttributeValue("role", "img");
        root.SetAttributeValue("aria-label", label);
        return root.ToString(SaveOptions.DisableFormatting);
    }

    [GeneratedRegex(@"url\(#([^)]+)\)")]
    private static partial Regex UrlReference();
}
