using PerfSuite.Report.Analysis;

namespace PerfSuite.Report.Writing;

/// <summary>What <see cref="ReportWriter.Write"/> wrote, and what it found.</summary>
/// <param name="Directory">The report folder.</param>
/// <param name="HtmlPath">The self-contained page (<c>index.html</c>).</param>
/// <param name="MarkdownPath">The Markdown page (<c>report.md</c>).</param>
/// <param name="FigurePaths">Every PNG and SVG under <c>figures/</c>.</param>
/// <param name="Analysis">The rows, flags and findings the pages show.</param>
public sealed record ReportOutput(string Directory, string HtmlPath, string MarkdownPath, IReadOnlyList<string> FigurePaths, ReportAnalysis Analysis);
