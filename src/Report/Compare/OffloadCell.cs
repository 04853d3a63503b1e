namespace PerfSuite.Report.Compare;

/// <summary>One interface's state for one offload aspect.</summary>
/// <param name="Feature">The kernel feature that decided it (the one that is on, or the first one present);
/// null when none is present.</param>
/// <param name="Text">As ethtool shows the feature, plus what a reader can do about it.</param>
public sealed record OffloadCell(OffloadState State, string? Feature, string Text);
