using System.Net;
using System.Text;

namespace PerfSuite.Report.Pages;

/// <summary>Writes a <see cref="Page"/> as one self-contained HTML file: figures inline as SVG, CSS inline, no
/// script, no font, no stylesheet or image to fetch, so it opens the same offline, from an artifact store or an
/// e-mail attachment.</summary>
public sealed class HtmlPageWriter(TextWriter output)
{
    private const string Style = """
        :root { color-scheme: light dark; }
        body { margin: 0; background: #f6f7f9; color: #1d1f23; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Verdana, sans-serif; }
        main { max-width: 1280px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
        h1 { font-size: 1.6em; margin: 0 0 4px; }
        h2 { font-size: 1.3em; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #d8dce2; }
        h3 { font-size: 1.08em; margin: 24px 0 6px; }
        .summary { margin: 0 0 8px; padding: 0; list-style: none; color: #4a5059; }
        .summary li { margin: 2px 0; }
        ul.items li { margin: 4px 0; }
        table { border-collapse: collapse; margin: 8px 0 12px; font-size: 0.88em; font-variant-numeric: tabular-nums; }
        p.caption { color: #4a5059; font-size: 0.84em; margin: -6px 0 12px; max-width: 1000px; }
        .table { overflow-x: auto; }
        th, td { border: 1px solid #d8dce2; padding: 3px 7px; vertical-align: top; text-align: left; white-space: nowrap; }
        td:last-child { white-space: normal; min-width: 12em; }
        th { background: #eef1f5; font-weight: 600; white-space: normal; }
        th:first-child, td:first-child { position: sticky; left: 0; background: #fff; }
        th:first-child { background: #eef1f5; }
        tr.warning td:first-child { background: #fff6d6; }
        tr.problem td:first-child { background: #fde4e4; }
        td.num { text-align: right; white-space: nowrap; }
        th.num { text-align: right; }
        .warning { background: #fff6d6; }
        .problem { background: #fde4e4; }
        .muted { color: #6b717a; }
        li.warning, li.problem { padding: 2px 6px; border-radius: 3px; list-style-position: inside; }
        figure { margin: 12px 0 20px; }
        figure svg { display: block; max-width: 100%; height: auto; border: 1px solid #e3e6ea; }
        figcaption { color: #4a5059; font-size: 0.92em; margin-top: 6px; max-width: 1000px; }
        p.warning, p.problem { padding: 6px 10px; border-radius: 3px; }
        ul.folded { padding-left: 0; list-style: none; }
        ul.folded > li { padding: 4px 8px; margin: 6px 0; border-radius: 3px; }
        ul.folded details { margin: 2px 0 0; }
        ul.folded summary { cursor: pointer; color: #3b5b8c; }
        ul.folded details ul { margin: 4px 0; padding-left: 20px; overflow-wrap: anywhere; }
        @media (max-width: 640px) {
          main { padding: 12px 10px 32px; }
          h1 { font-size: 1.3em; overflow-wrap: anywhere; }
          table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: auto; }
          table.stack thead { display: none; }
          table.stack tr { border: 1px solid #d8dce2; border-radius: 4px; margin: 0 0 8px; padding: 4px 0; }
          table.stack td { border: 0; padding: 1px 8px; white-space: normal; text-align: left; min-width: 0; position: static; }
          table.stack td.num { text-align: left; }
          table.stack td::before { content: attr(data-label) ": "; color: #6b717a; }
          table.stack td:first-child { font-weight: 600; background: transparent; }
          table.stack td:first-child::before { content: ""; }
          table.stack td:empty { display: none; }
        }
        @media (prefers-color-scheme: dark) {
          body { background: #15171a; color: #e3e6ea; }
          main { background: #1d2024; }
          h2 { border-bottom-color: #3a3f46; }
          .summary, p.caption, figcaption { color: #aab0b8; }
          td:first-child { background: #1d2024; }
          th:first-child { background: #2a2e34; }
          tr.warning td:first-child { background: #3d3514; }
          tr.problem td:first-child { background: #4a1f1f; }
          th { background: #2a2e34; }
          th, td { border-color: #3a3f46; }
          .warning { background: #3d3514; }
          .problem { background: #4a1f1f; }
          .muted { color: #8d939b; }
          ul.folded summary { color: #8fb4ee; }
          figure svg { border-color: #3a3f46; }
        }
        """;

    public void Write(Page page)
    {
        output.WriteLine("<!DOCTYPE html>");
        output.WriteLine("<html lang=\"en\">");
        output.WriteLine("<head>");
        output.WriteLine("<meta charset=\"utf-8\">");
        output.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        output.WriteLine($"<title>{Encode(page.Title)}</title>");
        output.WriteLine($"<style>\n{Style}\n</style>");
        output.WriteLine("</head>");
        output.WriteLine("<body>");
        output.WriteLine("<main>");
        output.WriteLine($"<h1>{Encode(page.Title)}</h1>");
        if (page.Summary.Count > 0)
        {
            output.WriteLine("<ul class=\"summary\">");
            foreach (var line in page.Summary)
                output.WriteLine($"<li>{Encode(line)}</li>");
            output.WriteLine("</ul>");
        }
        var figureNumber = 0;
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in page.Blocks)
        {
            switch (block)
            {
                case PageHeading heading:
                    var level = Math.Clamp(heading.Level, 2, 6);
                    output.WriteLine($"<h{level} id=\"{UniqueAnchor(heading.Text, anchors)}\">{Encode(heading.Text)}</h{level}>");
                    break;
                case PageParagraph paragraph:
                    output.WriteLine($"<p{Class(paragraph.Tone)}>{Encode(paragraph.Text)}</p>");
                    break;
                case PageList list:
                    output.WriteLine("<ul class=\"items\">");
                    foreach (var item in list.Items)
                    {
                        var lead = item.Lead is null ? "" : $"<strong>{Encode(item.Lead)}</strong>: ";
                        output.WriteLine($"<li{Class(item.Tone)}>{lead}{Encode(item.Text)}</li>");
                    }
                    output.WriteLine("</ul>");
                    break;
                case PageDetailsList details:
                    output.WriteLine("<ul class=\"items folded\">");
                    foreach (var item in details.Items)
                    {
                        output.WriteLine($"<li{Class(item.Tone)}><strong>{Encode(item.Lead)}</strong>: {Encode(item.Text)}");
                        output.WriteLine($"<details><summary>{Encode(item.DetailsSummary)}</summary>");
                        output.WriteLine("<ul>");
                        foreach (var detail in item.Details)
                        {
                            var lead = detail.Lead is null ? "" : $"<strong>{Encode(detail.Lead)}</strong>: ";
                            output.WriteLine($"<li>{lead}{Encode(detail.Text)}</li>");
                        }
                        output.WriteLine("</ul></details></li>");
                    }
                    output.WriteLine("</ul>");
                    break;
                case PageTable table:
                    WriteTable(table);
                    break;
                case PageFigure figure:
                    figureNumber++;
                    output.WriteLine($"<figure id=\"figure-{Encode(figure.Figure.Name)}\">");
                    output.WriteLine(SvgInliner.Inline(figure.Figure.Svg, $"f{figureNumber}-", figure.Figure.Title));
                    output.WriteLine($"<figcaption>{Encode(figure.Figure.Caption)}</figcaption>");
                    output.WriteLine("</figure>");
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(page), block.GetType().Name, "a page block this writer does not know");
            }
        }
        output.WriteLine("</main>");
        output.WriteLine("</body>");
        output.WriteLine("</html>");
    }

    private void WriteTable(PageTable table)
    {
        output.WriteLine(table.StackOnNarrow ? "<div class=\"table\"><table class=\"stack\">" : "<div class=\"table\"><table>");
        output.Write("<thead><tr>");
        foreach (var column in table.Columns)
            output.Write($"<th{(column.Numeric ? " class=\"num\"" : "")}>{Encode(column.Header)}</th>");
        output.WriteLine("</tr></thead>");
        output.WriteLine("<tbody>");
        foreach (var row in table.Rows)
        {
            output.Write($"<tr{Class(row.Tone)}>");
            for (var i = 0; i < row.Cells.Count; i++)
            {
                var cell = row.Cells[i];
                var classes = new List<string>();
                if (i < table.Columns.Count && table.Columns[i].Numeric)
                    classes.Add("num");
                if (ToneClass(cell.Tone) is { } tone)
                    classes.Add(tone);
                var label = table.StackOnNarrow && i < table.Columns.Count ? $" data-label=\"{Encode(table.Columns[i].Header)}\"" : "";
                output.Write($"<td{(classes.Count > 0 ? $" class=\"{string.Join(' ', classes)}\"" : "")}{label}>{Encode(cell.Text)}</td>");
            }
            output.WriteLine("</tr>");
        }
        output.WriteLine("</tbody>");
        output.WriteLine("</table></div>");
        // After the scrolling box, not a <caption> inside it: a caption is as wide as its table, so on a narrow
        // screen it would scroll away with the columns instead of wrapping to the page.
        if (table.Caption is not null)
            output.WriteLine($"<p class=\"caption\">{Encode(table.Caption)}</p>");
    }

    private static string Class(PageTone tone) => ToneClass(tone) is { } c ? $" class=\"{c}\"" : "";

    private static string? ToneClass(PageTone tone) => tone switch
    {
        PageTone.Muted => "muted",
        PageTone.Warning => "warning",
        PageTone.Problem => "problem",
        _ => null,
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A heading's anchor, with -1, -2 ... appended to repeats as code hosts do (each MTU section has the
    /// same sub-headings).</summary>
    private static string UniqueAnchor(string text, HashSet<string> taken)
    {
        var anchor = Anchor(text);
        var candidate = anchor;
        for (var n = 1; !taken.Add(candidate); n++)
            candidate = $"{anchor}-{n}";
        return candidate;
    }

    /// <summary>The id a heading gets: lowercase letters and digits joined by hyphens, as code hosts make them.</summary>
    internal static string Anchor(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
                builder.Append(c);
            else if (c is ' ' or '-' && builder.Length > 0 && builder[^1] != '-')
                builder.Append('-');
        }
        return builder.ToString().Trim('-');
    }
}
