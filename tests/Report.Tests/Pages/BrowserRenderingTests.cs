using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using PerfSuite.Report.Tests.Support;
using PerfSuite.Report.Writing;
using SkiaSharp;

namespace PerfSuite.Report.Tests.Pages;

/// <summary>The report as a reader sees it: index.html rendered by headless Chromium at a laptop's and a phone's
/// width. The page is loaded into an iframe of exactly that width inside a probe page (a desktop Chromium will not
/// make a window narrower than 500 px), and a script of the probe page measures the report's layout and writes it
/// into the DOM, which <c>--dump-dom</c> returns. The report itself carries no script. Screenshots (the first
/// screen and the whole page) are kept under the test output folder, artifacts/browser/.</summary>
public sealed partial class BrowserRenderingTests
{
    private const int FirstScreenHeight = 900;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string ArtifactDirectory = Path.Combine(AppContext.BaseDirectory, "artifacts", "browser");

    [Theory]
    [InlineData(1280)]
    [InlineData(390)]
    public void The_report_has_no_horizontal_overflow_and_shows_every_figure_in_chromium(int width)
    {
        var browser = Chromium.Find();
        Requires.That(browser is not null, "chromium is not installed and could not be: scripts/setup.sh installs the Debian package chromium as a test package when run as root");

        // Given the report of the sample lab run with every test (tcp-stream, tcp-rr, udp-stream, tcp-crr), written
        // where the test's artifacts are kept
        Directory.CreateDirectory(ArtifactDirectory);
        var output = ReportWriter.Write(EveryTestRun.Lab(), Path.Combine(ArtifactDirectory, $"report-{width}"), force: true, "lab.json");
        var figures = output.FigurePaths.Count(p => p.EndsWith(".svg", StringComparison.Ordinal));

        // When Chromium lays it out at that width
        var layout = Measure(browser, output.HtmlPath, width);
        var firstScreen = Screenshot(browser, output.HtmlPath, width, FirstScreenHeight, $"report-{width}-first-screen.png");
        var fullPage = Screenshot(browser, output.HtmlPath, width, Math.Min(layout.ScrollHeight, 30_000), $"report-{width}-full-page.png");

        // Then the page is exactly as wide as the window (wide tables scroll inside their own box) ...
        Assert.Equal(width, layout.Viewport);
        Assert.True(layout.ScrollWidth <= layout.Viewport, $"the page is {layout.ScrollWidth} px wide in a {layout.Viewport} px window");
        // ... and every figure is displayed, inside the window, at a readable size
        // ... the tables against native (per MTU: tcp, udp-stream, tcp-crr) read without scrolling sideways (on a phone
        // each row is a card) ...
        Assert.Equal(6, layout.AnswerTables.Count);
        Assert.All(layout.AnswerTables, t => Assert.True(t.ScrollWidth <= t.ClientWidth, $"a table against native needs {t.ScrollWidth} px in {t.ClientWidth} px"));
        Assert.Equal(figures, layout.Figures.Count);
        Assert.All(layout.Figures, f =>
        {
            Assert.Equal("block", f.Display);
            Assert.Equal("visible", f.Visibility);
            Assert.True(f.Left >= 0 && f.Right <= width + 0.5, $"{f.Id} spans {f.Left}–{f.Right} px in a {width} px window");
            Assert.True(f.Width >= Math.Min(width - 40, 300) && f.Height >= 100, $"{f.Id} is drawn {f.Width}×{f.Height} px");
        });
        Assert.Equal((width, FirstScreenHeight), PngFile.Size(File.ReadAllBytes(firstScreen)));
        Assert.True(File.Exists(fullPage));
    }

    private static Layout Measure(string browser, string report, int width)
    {
        var probe = ProbePage(report, width, FirstScreenHeight, measure: true);
        var dom = Chromium.Run(browser, probe, Math.Max(width, 500), FirstScreenHeight, "--dump-dom");
        var match = Measurements().Match(dom);
        Assert.True(match.Success, "the probe page wrote no measurements; Chromium returned:\n" + dom[..Math.Min(dom.Length, 2000)]);
        return JsonSerializer.Deserialize<Layout>(WebUtility.HtmlDecode(match.Groups[1].Value), Json)
            ?? throw new InvalidOperationException("empty measurements");
    }

    /// <summary>Takes a screenshot of the report at <paramref name="width"/>, cropped to it, into the artifacts.</summary>
    private static string Screenshot(string browser, string report, int width, int height, string name)
    {
        var probe = ProbePage(report, width, height, measure: false);
        var raw = Path.Combine(ArtifactDirectory, "raw-" + name);
        var windowWidth = Math.Max(width, 500);
        Chromium.Run(browser, probe, windowWidth, height, $"--screenshot={raw}");
        var path = Path.Combine(ArtifactDirectory, name);
        using (var bitmap = SKBitmap.Decode(raw))
        using (var cropped = new SKBitmap(width, Math.Min(height, bitmap.Height)))
        {
            bitmap.ExtractSubset(cropped, new SKRectI(0, 0, width, cropped.Height));
            using var image = SKImage.FromBitmap(cropped);
            using var data = image.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(path, data.ToArray());
        }
        File.Delete(raw);
        return path;
    }

    /// <summary>A page holding the report in an iframe of the given size (srcdoc, so that the probe's script may read
    /// the report's document), with a script that writes the report's layout into a hidden element.</summary>
    private static string ProbePage(string report, int width, int height, bool measure)
    {
        var html = File.ReadAllText(report);
        var script = measure ? """
            <script>
            function measure(frame) {
              var win = frame.contentWindow, doc = frame.contentDocument, root = doc.documentElement;
              var out = { viewport: win.innerWidth, scrollWidth: root.scrollWidth, scrollHeight: root.scrollHeight, figures: [] };
              doc.querySelectorAll('figure').forEach(function (f) {
                var svg = f.querySelector('svg');
                var r = svg ? svg.getBoundingClientRect() : { width: 0, height: 0, left: 0, right: 0 };
                var style = svg ? win.getComputedStyle(svg) : { display: 'none', visibility: 'hidden' };
                out.figures.push({ id: f.id, width: r.width, height: r.height, left: r.left + win.scrollX, right: r.right + win.scrollX,
                  display: style.display, visibility: style.visibility });
              });
              out.answerTables = [];
              doc.querySelectorAll('table.stack').forEach(function (t) {
                out.answerTables.push({ scrollWidth: t.parentElement.scrollWidth, clientWidth: t.parentElement.clientWidth });
              });
              var pre = document.createElement('pre');
              pre.id = 'perfsuite-measurements';
              pre.hidden = true;
              pre.textContent = JSON.stringify(out);
              document.body.appendChild(pre);
            }
            </script>
            """ : "";
        var onload = measure ? " onload=\"measure(this)\"" : "";
        var probe = $"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8">{script}</head>
            <body style="margin:0">
            <iframe title="report" style="display:block;border:0;width:{width}px;height:{height}px"{onload} srcdoc="{WebUtility.HtmlEncode(html)}"></iframe>
            </body></html>
            """;
        var path = Path.Combine(ArtifactDirectory, $"probe-{width}x{height}.html");
        File.WriteAllText(path, probe);
        return path;
    }

    private sealed record Layout(int Viewport, double ScrollWidth, int ScrollHeight, IReadOnlyList<FigureBox> Figures, IReadOnlyList<TableBox> AnswerTables);

    private sealed record TableBox(double ScrollWidth, double ClientWidth);

    private sealed record FigureBox(string Id, double Width, double Height, double Left, double Right, string Display, string Visibility);

    [GeneratedRegex("<pre id=\"perfsuite-measurements\"[^>]*>([^<]*)</pre>")]
    private static partial Regex Measurements();
}
