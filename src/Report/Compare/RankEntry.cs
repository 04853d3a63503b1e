namespace PerfSuite.Report.Compare;

/// <summary>One column's place in a ranking.</summary>
/// <param name="Rank">1 for the best; entries that tie share the rank of the first of them, and the next rank
/// skips as many places (1, 1, 3).</param>
/// <param name="Column">Index into <see cref="CompareReport.Columns"/>.</param>
/// <param name="Lower">Lower end of the value's interval, for a measured median.</param>
/// <param name="Upper">Upper end of that interval.</param>
/// <param name="Tied">True when another entry shares the rank.</param>
/// <param name="Text">The value for people.</param>
/// <param name="Coverage">The interval's true coverage of the median (0.75 for a range of 3), as the results store it.</param>
public sealed record RankEntry(int Rank, int Column, double Value, double? Lower, double? Upper, bool Tied, string Text, double? Coverage = null);
