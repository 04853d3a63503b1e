namespace PerfSuite.Kernel.Proc;

/// <summary>One CPU's share of a window: busy cores (0..1) and the softirq part of it.</summary>
public sealed record CpuCoreUsage(int Cpu, double Busy, double Softirq, double System, double User);
