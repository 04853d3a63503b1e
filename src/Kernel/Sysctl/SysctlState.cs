namespace PerfSuite.Kernel.Sysctl;

/// <summary>One sysctl as a namespace shows it: its value (null when absent) and whether it can be written there.</summary>
public sealed record SysctlState(string Key, string? Value, bool Writable);
