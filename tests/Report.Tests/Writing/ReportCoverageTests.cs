using System.Net;
using System.Text.RegularExpressions;
using PerfSuite.Model.Results;
using PerfSuite.Report.Writing;

namespace PerfSuite.Report.Tests.Writing;

/// <summary>Issue 14's acceptance for the report: with three repetitions a side every interval the page and its figures
/// show is a range of 3 that covers its median 75 % (or a ratio interval covering 90 %), and nothing says 95 %.</summary>
public sealed partial class ReportCoverageTests
{
    [Fact]
    public void The_report_of_a_three_repetition_run_states_75_percent_and_never_95_on_its_pages_or_figures()
    {
        // Given the default run of 2026-11-26 (three repetitions per cell)
        var document = ResultsReader.Load(RepositoryPaths.DefaultRun20261126);
        using var temp = new ScratchDirectory();

        // When
        var output = ReportWriter.Write(document, temp.File("r"), force: false);

        // Then the page, its Markdown twin and every figure name the true coverage and never 95 %
        var html = WebUtility.HtmlDecode(File.ReadAllText(output.HtmlPath));
        var markdown = File.ReadAllText(output.MarkdownPath).Replace("\\", "", StringComparison.Ordinal);
        Assert.Contains("range of 3", html, StringComparison.Ordinal);
        Assert.Contains("75 %", html, StringComparison.Ordinal);
        Assert.Contains("75 %", markdown, StringComparison.Ordinal);
        foreach (var (name, text) in new[] { ("html", html), ("markdown", markdown) }
                     .Concat(output.FigurePaths.Select(p => (Path.GetFileName(p), WebUtility.HtmlDecode(File.ReadAllText(p))))))
        {
            var claims = NinetyFive().Matches(text).Select(m => Context(text, m.Index)).ToList();
            Assert.True(claims.Count == 0, $"{name} says 95 %: {string.Join(" | ", claims)}");
        }
    }

    private static string Context(string text, int at) => text[Math.Max(0, at - 80)..Math.Min(text.Length, at + 20)];

    [GeneratedRegex(@"95(\.0)?\s?%")]
    private static partial Regex NinetyFive();
}
