namespace PerfSuite.Report.Compare;

/// <summary>A column a ranking leaves out, and why (a gap: not measured, a virtual device, no features).</summary>
public sealed record UnrankedColumn(int Column, string Reason);
