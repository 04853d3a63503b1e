using System.Diagnostics;

namespace PerfSuite.Kernel.Proc;

/// <summary>What the host's CPUs did between two <see cref="HostCpuSample"/>s: time by category and softirqs raised.</summary>
public sealed record HostCpuWindow(CpuUsage Cpu, SoftirqUsage Softirqs)
{
    public static HostCpuWindow Between(HostCpuSample start, HostCpuSample end, long userHz)
    {
        var seconds = Stopwatch.GetElapsedTime(start.Timestamp, end.Timestamp).TotalSeconds;
        return new HostCpuWindow(
            CpuUsage.Between(start.Stat, end.Stat, seconds, userHz),
            SoftirqUsage.Between(start.Softirqs, end.Softirqs, seconds));
    }
}
