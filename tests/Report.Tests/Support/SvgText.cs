using System.Xml.Linq;

namespace PerfSuite.Report.Tests.Support;

/// <summary>The text an SVG shows: the content of every &lt;text&gt; element, trimmed, in document order.</summary>
internal static class SvgText
{
    public static XDocument Parse(string svg) => XDocument.Parse(svg);

    public static IReadOnlyList<string> Of(string svg) =>
        Parse(svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToList();
}
