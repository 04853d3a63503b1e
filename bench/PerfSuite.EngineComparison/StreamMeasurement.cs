namespace PerfSuite.EngineComparison;

/// <summary>One single-stream TCP measurement: goodput at the receiver over its window, and the CPU over the
/// same-length window read by <see cref="WindowCpuSampler"/>.</summary>
public sealed record StreamMeasurement(double GoodputBps, WindowCpu Cpu)
{
    /// <summary>Node-wide busy cores (user+nice+system+irq+softirq+steal).</summary>
    public double BusyCores => Cpu.Node.Cpu.BusyCores;

    public double SoftirqCores => Cpu.Node.Cpu.ByCategory.Softirq;

    /// <summary>Node-wide core-seconds per Gbit: busy cores / Gbit/s (methodology §3).</summary>
    public double CoreSecondsPerGbit => BusyCores / (GoodputBps / 1e9);

    /// <summary>The tool's own processes (both ends), core-seconds per Gbit.</summary>
    public double? ProcessCoreSecondsPerGbit => Cpu.ProcessCores / (GoodputBps / 1e9);
}
