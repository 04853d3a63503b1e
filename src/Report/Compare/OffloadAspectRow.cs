namespace PerfSuite.Report.Compare;

/// <summary>One aspect of an encapsulation ("segmentation"), a cell per column.</summary>
public sealed record OffloadAspectRow(string Aspect, IReadOnlyList<string> Features, string Meaning, IReadOnlyList<OffloadCell> Cells);
