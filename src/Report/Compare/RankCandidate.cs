namespace PerfSuite.Report.Compare;

/// <summary>A column's value for a ranking, with its interval when it is a measured median.</summary>
public sealed record RankCandidate(int Column, double Value, double? Lower, double? Upper, string Text);
