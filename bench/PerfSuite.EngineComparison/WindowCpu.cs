
using PerfSuite.Kernel.Proc;

namespace PerfSuite.EngineComparison;

/// <summary>What <see cref="WindowCpuSampler"/> read over one window: the node's CPU by category, and the cores used
/// by the tool's own processes at both ends (user + system from /proc/PID/stat, which on kernels without
/// CONFIG_IRQ_TIME_ACCOUNTING includes softirq work run in their context), null when a process ended before the
/// window did.</summary>
public sealed record WindowCpu(HostCpuWindow Node, double? ProcessCores);
