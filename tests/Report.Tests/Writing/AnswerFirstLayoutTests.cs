using System.Text.RegularExpressions;
using PerfSuite.Report.Writing;

namespace PerfSuite.Report.Tests.Writing;

/// <summary>The page gives the answer first (issue 18): context, the tables against native, the key figure, then
/// findings and flags, then the figures per MTU; HTML and Markdown in the same order.</summary>
public sealed partial class AnswerFirstLayoutTests
{
    private static readonly string[] Order =
    [
        "Underlay MTU 1500: cost against native",
        "Underlay MTU 9000: cost against native",
        "What each datapath costs against native",
        "Findings",
        "Flags",
        "Goodput against encapsulation overhead, relative to native",
        "Underlay MTU 1500 in detail",
        "Underlay MTU 9000 in detail",
        "Cells without numbers",
        "All measurements",
        "Run and environment",
        "How the numbers were computed",
    ];

    [Fact]
    public void Html_and_markdown_put_the_tables_and_key_figure_before_findings_and_flags()
    {
        // Given the report of the sample lab run
        using var temp = new ScratchDirectory();
        var output = ReportWriter.Write(SampleRun.Lab(), temp.File("report"), force: false, "lab.json");

        // When the section headings of both pages are read in order
        var html = HtmlHeading().Matches(File.ReadAllText(output.HtmlPath)).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        var markdown = File.ReadAllLines(output.MarkdownPath).Where(l => l.StartsWith("## ", StringComparison.Ordinal)).Select(l => l[3..].Replace("\\", "", StringComparison.Ordinal)).ToList();

        // Then both are the same sequence, the answer first
        Assert.Equal(Order, html);
        Assert.Equal(Order, markdown);
    }

    [Fact]
    public void The_first_lines_are_the_title_and_one_line_of_context()
    {
        using var temp = new ScratchDirectory();
        var output = ReportWriter.Write(SampleRun.Lab(), temp.File("report"), force: false);

        var lines = File.ReadAllLines(output.MarkdownPath);

        Assert.Equal("# PerfSuite report: 2025-03-01T10-00-00Z-node-a", lines[0]);
        Assert.Equal("", lines[1]);
        Assert.Equal("- host node-a · kernel 6.18.0-perfsuite · 2 × Intel(R) Xeon(R) CPU @ 2.20GHz · lab over veth pairs (no NIC on the path) · " +
            "offload profiles default, no-gro · 2025-03-01 10:00 UTC, 9.5 min · 67 cells", lines[2]);
        Assert.Equal("", lines[3]);
        Assert.StartsWith("## Underlay MTU 1500: cost against native", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_fold_their_cells_under_one_line_per_kind()
    {
        using var temp = new ScratchDirectory();
        var output = ReportWriter.Write(SampleRun.Lab(), temp.File("report"), force: false);

        var html = File.ReadAllText(output.HtmlPath);
        var flags = html[html.IndexOf("<h2 id=\"flags\">", StringComparison.Ordinal)..html.IndexOf("<h2 id=\"goodput-against", StringComparison.Ordinal)];

        Assert.Equal(output.Analysis.Flags.Select(f => f.Kind).Distinct().Count(), Regex.Count(flags, "<details>"));
        Assert.Equal(output.Analysis.Flags.Count, Regex.Count(flags, "<li><strong>"));
        Assert.Contains("<li class=\"problem\"><strong>Failed repetitions</strong>: in 1 of", flags, StringComparison.Ordinal);
    }

    [GeneratedRegex("<h2 id=\"[^\"]*\">([^<]*)</h2>")]
    private static partial Regex HtmlHeading();
}
