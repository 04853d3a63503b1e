namespace PerfSuite.Kernel.Proc;

/// <summary>A reading of <c>/proc/stat</c> and <c>/proc/softirqs</c> with the <see cref="System.Diagnostics.Stopwatch"/>
/// timestamp taken just before it, so the window between two samples is measured, not assumed.</summary>
public sealed record HostCpuSample(long Timestamp, ProcStatSnapshot Stat, SoftirqSnapshot Softirqs);
