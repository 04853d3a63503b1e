using PerfSuite.Kernel.Proc;
using PerfSuite.Kernel.Processes;

namespace PerfSuite.LoadGen.Cpu;

/// <summary>Everything read at one edge of a measurement window: host /proc/stat and /proc/softirqs, and this
/// process's own CPU time.</summary>
public sealed record CpuEdge(HostCpuSample Host, ProcessCpuTime Process);
