using System.Xml.Linq;
using PerfSuite.Report.Pages;

namespace PerfSuite.Report.Tests.Pages;

public sealed class SvgInlinerTests
{
    private const string Skia = """
        <?xml version="1.0" encoding="utf-8" ?>
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="800" height="500">
          <clipPath id="cl_4"><rect x="1" y="2" width="3" height="4"/></clipPath>
          <g clip-path="url(#cl_4)"><use xlink:href="#cl_4"/><a xlink:href="#elsewhere"/></g>
        </svg>
        """;

    [Fact]
    public void Ids_and_their_references_get_the_figure_prefix_and_the_drawing_can_scale()
    {
        // When one of Skia's SVGs is prepared for a page
        var inlined = SvgInliner.Inline(Skia, "f2-", "Goodput");
        var root = XElement.Parse(inlined);
        XNamespace xlink = "http://www.w3.org/1999/xlink";

        // Then
        Assert.DoesNotContain("<?xml", inlined, StringComparison.Ordinal);
        Assert.Equal("f2-cl_4", root.Descendants().Single(e => e.Name.LocalName == "clipPath").Attribute("id")!.Value);
        Assert.Equal("url(#f2-cl_4)", root.Descendants().Single(e => e.Name.LocalName == "g").Attribute("clip-path")!.Value);
        Assert.Equal("#f2-cl_4", root.Descendants().Single(e => e.Name.LocalName == "use").Attribute(xlink + "href")!.Value);
        Assert.Equal("#elsewhere", root.Descendants().Single(e => e.Name.LocalName == "a").Attribute(xlink + "href")!.Value);
        Assert.Equal("0 0 800 500", root.Attribute("viewBox")!.Value);
        Assert.Equal("Goodput", root.Attribute("aria-label")!.Value);
    }
}
