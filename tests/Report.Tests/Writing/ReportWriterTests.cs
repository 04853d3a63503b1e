using System.Text.RegularExpressions;
using System.Xml.Linq;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;
using PerfSuite.Report.Tests.Support;
using PerfSuite.Report.Writing;

namespace PerfSuite.Report.Tests.Writing;

public sealed partial class ReportWriterTests
{
    [Fact]
    public void A_report_is_an_html_page_a_markdown_page_and_each_figure_as_png_and_svg()
    {
        using var temp = new ScratchDirectory();
        var folder = temp.File("report");

        // When the report of the lab run is written
        var output = ReportWriter.Write(SampleRun.Lab(), folder, force: false, "lab.json");

        // Then every file is where the output says, each figure once as PNG and once as SVG
        Assert.Equal(Path.Combine(folder, "index.html"), output.HtmlPath);
        Assert.Equal(Path.Combine(folder, "report.md"), output.MarkdownPath);
        Assert.True(File.Exists(output.HtmlPath));
        Assert.True(File.Exists(output.MarkdownPath));
        Assert.Equal(18, output.FigurePaths.Count);
        Assert.All(output.FigurePaths, p => Assert.True(File.Exists(p), p));
        Assert.All(output.FigurePaths.Where(p => p.EndsWith(".png", StringComparison.Ordinal)), p => PngFile.Size(File.ReadAllBytes(p)));
        Assert.All(output.FigurePaths.Where(p => p.EndsWith(".svg", StringComparison.Ordinal)), p => XDocument.Load(p));
    }

    [Fact]
    public void The_html_page_fetches_nothing_and_inlines_every_figure()
    {
        using var temp = new ScratchDirectory();
        var output = ReportWriter.Write(SampleRun.Lab(), temp.File("report"), force: false);

        var html = File.ReadAllText(output.HtmlPath);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"(src|href)\s*=\s*""(https?:)?//", html);
        Assert.DoesNotMatch(@"url\(\s*['""]?(https?:)?//", html);
        Assert.Equal(9, Regex.Count(html, "<svg "));
        // Inline SVGs share the page's ids: each must be unique, and each reference must find its own figure's id.
        var ids = IdAttribute().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var references = UrlReference().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.Contains(r, ids));
    }

    [Fact]
    public void The_html_page_shows_findings_flags_tables_and_cells_without_numbers()
    {
        using var temp = new ScratchDirectory();
        var output = ReportWriter.Write(SampleRun.Lab(), temp.File("report"), force: false, "lab.json");

        var html = File.ReadAllText(output.HtmlPath);

        Assert.Contains("<h2 id=\"findings\">Findings</h2>", html, StringComparison.Ordinal);
        Assert.Contains("3.5 of its 36 points wire overhead", html, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"underlay-mtu-1500-cost-against-native\">Underlay MTU 1500: cost against native</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h3 id=\"cpu-cost-per-gbit-of-goodput-1\">", html, StringComparison.Ordinal);
        Assert.Contains(SampleRun.FailedReason, html, StringComparison.Ordinal);
        Assert.Contains(SampleRun.SkippedReason, html, StringComparison.Ordinal);
        Assert.Contains("pod MTU 1420 ≠ 1440", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\" data-label=\"of native (90 % interval)\">64 % (61–68) ▼</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>results</td><td>lab.json</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_from_the_results_is_encoded_not_interpreted()
    {
        // Given a failure reason that looks like markup
        var lab = SampleRun.Lab();
        var cells = lab.Cells.Select(c => c.Status == CellStatus.Failed ? c with { Reason = "<script>alert(1)</script> | *bold*" } : c).ToList();
        using var temp = new ScratchDirectory();

        // When the report is written
        var output = ReportWriter.Write(lab with { Cells = cells, Summary = ResultsSummarizer.Summarize(cells) }, temp.File("report"), force: false);

        // Then HTML shows it as text and Markdown keeps its table cell whole
        var html = File.ReadAllText(output.HtmlPath);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        var markdown = File.ReadAllLines(output.MarkdownPath);
        var row = Assert.Single(markdown, l => l.StartsWith("| ❌ ipip", StringComparison.Ordinal) && l.Contains("tcp-stream", StringComparison.Ordinal));
        Assert.Contains(@"\<script\>alert(1)\</script\> \| \*bold\*", row, StringComparison.Ordinal);
        Assert.Equal(9, Regex.Count(row, @"(?<!\\)\|"));
    }

    [Fact]
    public void The_markdown_page_links_every_figure_as_a_png_beside_it()
    {
        using var temp = new ScratchDirectory();
        var output = ReportWriter.Write(SampleRun.Lab(), temp.File("report"), force: false);

        var markdown = File.ReadAllText(output.MarkdownPath);
        var links = MarkdownImage().Matches(markdown).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(9, links.Count);
        Assert.All(links, link =>
        {
            Assert.StartsWith("figures/", link, StringComparison.Ordinal);
            Assert.EndsWith(".png", link, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(output.Directory, link)), link);
        });
        Assert.StartsWith("# PerfSuite report: ", markdown, StringComparison.Ordinal);
        Assert.Contains("## Flags", markdown, StringComparison.Ordinal);
        Assert.Contains("⚠️ **Userspace substitutes**: ipip (userspace), wireguard (userspace) ran as userspace implementations", markdown, StringComparison.Ordinal);
        Assert.Contains("❌ **Failed repetitions**: in 1 of", markdown, StringComparison.Ordinal);
        Assert.Contains("- **ipip/userspace mtu 9000 default tcp-stream ×1**: 1 of 3 repetitions failed", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_report_is_overwritten_only_with_force()
    {
        using var temp = new ScratchDirectory();
        var folder = temp.File("report");
        ReportWriter.Write(SampleRun.Lab(), folder, force: false);
        var stale = Path.Combine(folder, "figures", "cpu-cost-mtu4000.png");
        File.WriteAllBytes(stale, [1, 2, 3]);
        var notes = Path.Combine(folder, "notes.txt");
        File.WriteAllText(notes, "mine");

        // When written again without force, the folder is refused and left as it was
        var refused = Assert.Throws<PerfSuiteException>(() => ReportWriter.Write(SampleRun.Lab(), folder, force: false));
        Assert.Equal(ErrorReason.InvalidArgument, refused.Reason);
        Assert.Equal($"report folder {folder} already exists; pass --force to overwrite it", refused.Message);
        Assert.True(File.Exists(stale));

        // With force the report is replaced: old figures go, the user's own files stay
        ReportWriter.Write(SampleRun.Lab(), folder, force: true);
        Assert.False(File.Exists(stale));
        Assert.Equal("mine", File.ReadAllText(notes));
        Assert.Equal(18, Directory.GetFiles(Path.Combine(folder, "figures")).Length);
    }

    [Fact]
    public void An_empty_existing_folder_needs_no_force_and_a_file_is_refused()
    {
        using var temp = new ScratchDirectory();
        var empty = temp.File("empty");
        Directory.CreateDirectory(empty);
        var file = temp.File("file");
        File.WriteAllText(file, "");

        ReportWriter.Write(SampleRun.Lab(), empty, force: false);
        var error = Assert.Throws<PerfSuiteException>(() => ReportWriter.Write(SampleRun.Lab(), file, force: true));

        Assert.True(File.Exists(Path.Combine(empty, "index.html")));
        Assert.Equal($"report folder {file} is a file", error.Message);
    }

    [Theory]
    [InlineData("results/run-2025-03-01.json", "reports/run-2025-03-01")]
    [InlineData("/var/tmp/ci.json", "reports/ci")]
    [InlineData("baseline", "reports/baseline")]
    public void The_default_folder_is_named_after_the_results_file(string results, string expected) =>
        Assert.Equal(expected, ReportWriter.DefaultDirectoryFor(results));

    [GeneratedRegex(@"\sid=""([^""]+)""")]
    private static partial Regex IdAttribute();

    [GeneratedRegex(@"url\(#([^)]+)\)")]
    private static partial Regex UrlReference();

    [GeneratedRegex(@"!\[[^\]]*\]\(([^)]+)\)")]
    private static partial Regex MarkdownImage();
}
