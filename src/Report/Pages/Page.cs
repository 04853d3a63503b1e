namespace PerfSuite.Report.Pages;

/// <summary>A report page as a sequence of blocks, written out as HTML and as Markdown by
/// <see cref="HtmlPageWriter"/> and <see cref="MarkdownPageWriter"/>, so that both say the same thing. Any
/// command that produces a report page (report, compare) builds one of these.</summary>
/// <param name="Title">The page's title and first heading.</param>
/// <param name="Summary">Short lines under the title: what was measured where and when.</param>
/// <param name="Blocks">The body, in order.</param>
public sealed record Page(string Title, IReadOnlyList<string> Summary, IReadOnlyList<PageBlock> Blocks);
