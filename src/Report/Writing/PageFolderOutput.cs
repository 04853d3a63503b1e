namespace PerfSuite.Report.Writing;

/// <summary>What <see cref="PageFolder.Write"/> wrote.</summary>
/// <param name="Directory">The folder.</param>
/// <param name="HtmlPath">The self-contained page (<c>index.html</c>).</param>
/// <param name="MarkdownPath">The Markdown page (<c>report.md</c>).</param>
/// <param name="FigurePaths">Every PNG and SVG under <c>figures/</c>.</param>
public sealed record PageFolderOutput(string Directory, string HtmlPath, string MarkdownPath, IReadOnlyList<string> FigurePaths);
