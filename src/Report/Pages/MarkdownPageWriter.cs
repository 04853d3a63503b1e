using System.Text;
using PerfSuite.Report.Figures;

namespace PerfSuite.Report.Pages;

/// <summary>Writes a <see cref="Page"/> as GitHub-flavoured Markdown, which code hosts render: figures are PNG
/// files referred to by a relative path, so the page and its <c>figures/</c> folder move together.</summary>
/// <param name="output">Where the Markdown goes.</param>
/// <param name="figurePath">The relative path of a figure's PNG from the Markdown file (<c>figures/NAME.png</c>).</param>
public sealed class MarkdownPageWriter(TextWriter output, Func<Figure, string> figurePath)
{
    public void Write(Page page)
    {
        output.WriteLine($"# {Escape(page.Title)}");
        output.WriteLine();
        foreach (var line in page.Summary)
            output.WriteLine($"- {Escape(line)}");
        foreach (var block in page.Blocks)
        {
            output.WriteLine();
            switch (block)
            {
                case PageHeading heading:
                    output.WriteLine($"{new string('#', Math.Clamp(heading.Level, 2, 6))} {Escape(heading.Text)}");
                    break;
                case PageParagraph paragraph:
                    output.WriteLine(Icon(paragraph.Tone) + Escape(paragraph.Text));
                    break;
                case PageList list:
                    foreach (var item in list.Items)
                        output.WriteLine($"- {Icon(item.Tone)}{(item.Lead is null ? "" : $"**{Escape(item.Lead)}**: ")}{Escape(item.Text)}");
                    break;
                case PageDetailsList details:
                    // GitHub renders <details> with Markdown inside when blank lines surround the inner list; a
                    // <details> nested in a list item is not rendered reliably, so each follows its bullet.
                    for (var i = 0; i < details.Items.Count; i++)
                    {
                        var item = details.Items[i];
                        if (i > 0)
                            output.WriteLine();
                        output.WriteLine($"- {Icon(item.Tone)}**{Escape(item.Lead)}**: {Escape(item.Text)}");
                        output.WriteLine();
                        output.WriteLine($"<details><summary>{System.Net.WebUtility.HtmlEncode(item.DetailsSummary)}</summary>");
                        output.WriteLine();
                        foreach (var detail in item.Details)
                            output.WriteLine($"- {(detail.Lead is null ? "" : $"**{Escape(detail.Lead)}**: ")}{Escape(detail.Text)}");
                        output.WriteLine();
                        output.WriteLine("</details>");
                    }
                    break;
                case PageTable table:
                    WriteTable(table);
                    break;
                case PageFigure figure:
                    output.WriteLine($"![{Escape(figure.Figure.Title)}]({figurePath(figure.Figure)})");
                    output.WriteLine();
                    output.WriteLine($"*{Escape(figure.Figure.Caption)}*");
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(page), block.GetType().Name, "a page block this writer does not know");
            }
        }
    }

    private void WriteTable(PageTable table)
    {
        output.WriteLine("| " + string.Join(" | ", table.Columns.Select(c => Escape(c.Header))) + " |");
        output.WriteLine("|" + string.Concat(table.Columns.Select(c => c.Numeric ? "--:|" : "---|")));
        foreach (var row in table.Rows)
        {
            var cells = row.Cells.Select((cell, i) =>
            {
                var icon = Icon(cell.Tone);
                if (icon.Length == 0 && i == 0)
                    icon = Icon(row.Tone);
                var text = Escape(cell.Text);
                return row.Tone == PageTone.Muted && text.Length > 0 ? $"{icon}*{text}*" : icon + text;
            });
            output.WriteLine("| " + string.Join(" | ", cells) + " |");
        }
        if (table.Caption is not null)
        {
            output.WriteLine();
            output.WriteLine($"*{Escape(table.Caption)}*");
        }
    }

    private static string Icon(PageTone tone) => tone switch
    {
        PageTone.Warning => "⚠️ ",
        PageTone.Problem => "❌ ",
        _ => "",
    };

    /// <summary>Keeps our text literal: no emphasis from '*' or '_', no table break from '|', no HTML from '&lt;'.</summary>
    internal static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ReplaceLineEndings(" "))
        {
            if (c is '\\' or '*' or '_' or '|' or '`' or '[' or ']' or '<' or '>' or '#')
                builder.Append('\\');
            builder.Append(c);
        }
        return builder.ToString();
    }
}
