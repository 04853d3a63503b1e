namespace PerfSuite.Report.Compare;

/// <summary>Columns of text aligned with spaces for a terminal or a CI log: the first column left-aligned, the
/// others left-aligned too (they hold words as often as numbers), two spaces between them.</summary>
internal sealed class TextTable
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public void Write(TextWriter output)
    {
        var columns = _rows.Max(r => r.Length);
        var widths = Enumerable.Range(0, columns)
            .Select(i => _rows.Where(r => i < r.Length).Select(r => r[i].Length).DefaultIfEmpty(0).Max())
            .ToArray();
        foreach (var row in _rows)
            output.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
    }
}
