namespace PerfSuite.Model.Results;

/// <summary>Goodput over one interval of a cell's window; <see cref="TSeconds"/> is the end of the interval,
/// from the start of the window.</summary>
public sealed record TimelinePoint(double TSeconds, double Bps);
