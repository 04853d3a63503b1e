namespace PerfSuite.Report.Tests.Support;

/// <summary>A table of the Markdown report read back: its header cells and its rows' cells.</summary>
internal sealed record MarkdownTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>The row whose first cell is <paramref name="first"/>.</summary>
    public IReadOnlyList<string> Row(string first) => Rows.Single(r => r[0] == first);

    /// <summary>The first table after the line <paramref name="section"/> and then the line <paramref name="heading"/>.</summary>
    public static MarkdownTable After(IReadOnlyList<string> lines, string section, string heading)
    {
        var start = IndexOf(lines, section, 0);
        var at = IndexOf(lines, heading, start);
        var header = lines.Skip(at + 1).First(l => l.StartsWith('|'));
        var headerAt = IndexOf(lines, header, at);
        var rows = lines.Skip(headerAt + 2).TakeWhile(l => l.StartsWith('|')).Select(Cells).ToList();
        return new MarkdownTable(Cells(header), rows);
    }

    private static int IndexOf(IReadOnlyList<string> lines, string line, int from)
    {
        for (var i = from; i < lines.Count; i++)
        {
            if (lines[i].StartsWith(line, StringComparison.Ordinal))
                return i;
        }
        throw new Xunit.Sdk.XunitException($"no line '{line}' after line {from}");
    }

    private static IReadOnlyList<string> Cells(string row) =>
        row.Trim().Trim('|').Split(" | ").Select(c => c.Trim().Replace("\\", "", StringComparison.Ordinal)).ToList();
}
