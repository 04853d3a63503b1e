using PerfSuite.Kernel.Proc;

namespace PerfSuite.LoadGen.Cpu;

/// <summary>CPU over one measurement window as one side saw it: the host's busy cores by category
/// (softirq included), NET_RX/NET_TX softirqs, and the agent process's own share from rusage.</summary>
public sealed record CpuAccount(CpuUsage Host, SoftirqUsage Softirqs, ProcessCpuUsage Process)
{
    public static CpuAccount Between(CpuEdge start, CpuEdge end)
    {
        var host = HostCpuWindow.Between(start.Host, end.Host, ClockTicks.PerSecond);
        return new CpuAccount(host.Cpu, host.Softirqs,
            ProcessCpuUsage.Between(start.Process, end.Process, host.Cpu.WindowSeconds));
    }
}
