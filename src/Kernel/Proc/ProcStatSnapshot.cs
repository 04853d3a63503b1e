namespace PerfSuite.Kernel.Proc;

/// <summary>The CPU lines of one reading of <c>/proc/stat</c>: the <c>cpu</c> total and every <c>cpuN</c>.</summary>
public sealed record ProcStatSnapshot(CpuTimes Total, IReadOnlyList<PerCpuTimes> Cpus);
