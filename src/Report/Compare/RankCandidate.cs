namespace PerfSuite.Report.Compare;

/// <summary>A column's value for a ranking, with its interval and that interval's true coverage when it is a
/// measured median.</summary>
public sealed record RankCandidate(int Column, double Value, double? Lower, double? Upper, string Text, double? Coverage = null);
