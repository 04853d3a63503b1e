namespace PerfSuite.Kernel.Proc;

/// <summary>One <c>cpuN</c> line of <c>/proc/stat</c>. The number is kept because offline CPUs have no line, so
/// the position in the list is not the CPU number.</summary>
public sealed record PerCpuTimes(int Cpu, CpuTimes Times);
