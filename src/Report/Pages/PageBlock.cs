using PerfSuite.Report.Figures;

namespace PerfSuite.Report.Pages;

/// <summary>One block of a <see cref="Page"/>.</summary>
public abstract record PageBlock;

/// <summary>A section heading; level 2 for sections, 3 below them (level 1 is the page title).</summary>
public sealed record PageHeading(int Level, string Text) : PageBlock;

/// <summary>A paragraph of plain text.</summary>
public sealed record PageParagraph(string Text, PageTone Tone = PageTone.Normal) : PageBlock;

/// <summary>A bulleted list.</summary>
public sealed record PageList(IReadOnlyList<PageListItem> Items) : PageBlock;

/// <summary>One bullet: an optional lead in bold (what it is about), then the text.</summary>
public sealed record PageListItem(string Text, PageTone Tone = PageTone.Normal, string? Lead = null);

/// <summary>A bulleted list whose every item folds a list of details under it (HTML <c>&lt;details&gt;</c>):
/// grouped flags, one line per kind, the individual cells one click away.</summary>
public sealed record PageDetailsList(IReadOnlyList<PageDetailsItem> Items) : PageBlock;

/// <summary>One folded bullet: the lead and text shown, <paramref name="DetailsSummary"/> as the handle that
/// unfolds <paramref name="Details"/>.</summary>
public sealed record PageDetailsItem(string Lead, string Text, PageTone Tone, string DetailsSummary, IReadOnlyList<PageListItem> Details);

/// <summary>A table with a header row. <paramref name="StackOnNarrow"/>: on a phone-wide screen each row becomes a
/// card of "header: value" lines instead of a table to scroll sideways (HTML only).</summary>
public sealed record PageTable(IReadOnlyList<PageColumn> Columns, IReadOnlyList<PageRow> Rows, string? Caption = null, bool StackOnNarrow = false) : PageBlock;

/// <summary>A column: its header, and whether it holds numbers (right-aligned).</summary>
public sealed record PageColumn(string Header, bool Numeric = false);

/// <summary>A table row; its tone marks the whole row.</summary>
public sealed record PageRow(IReadOnlyList<PageCell> Cells, PageTone Tone = PageTone.Normal);

/// <summary>A table cell; its tone marks that cell only.</summary>
public sealed record PageCell(string Text, PageTone Tone = PageTone.Normal)
{
    public static implicit operator PageCell(string text) => new(text);
}

/// <summary>A figure with its caption: inline SVG in HTML, a PNG beside the Markdown file.</summary>
public sealed record PageFigure(Figure Figure) : PageBlock;
