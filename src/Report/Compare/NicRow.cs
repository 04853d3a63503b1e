namespace PerfSuite.Report.Compare;

/// <summary>One property of the compared interfaces ("driver", "rx ring"), a cell per column.</summary>
public sealed record NicRow(string Item, IReadOnlyList<CompareCell> Cells);
