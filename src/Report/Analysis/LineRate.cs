namespace PerfSuite.Report.Analysis;

/// <summary>The line rate the goodput ceiling is computed for, and where the report learnt it.</summary>
/// <param name="Bps">Line rate in bit/s.</param>
/// <param name="Source">For the reader: "the ceilings recorded with the results", "link speed of eth0 (ice)".</param>
public sealed record LineRate(double Bps, string Source);
