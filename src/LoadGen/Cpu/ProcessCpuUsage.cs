using PerfSuite.Kernel.Processes;

namespace PerfSuite.LoadGen.Cpu;

/// <summary>CPU a process used over a window: seconds and cores (seconds / window), split user and system.</summary>
public sealed record ProcessCpuUsage(double WindowSeconds, double UserSeconds, double SystemSeconds,
    long VoluntarySwitches, long InvoluntarySwitches)
{
    public double Cores => WindowSeconds > 0 ? (UserSeconds + SystemSeconds) / WindowSeconds : 0;

    public static ProcessCpuUsage Between(ProcessCpuTime start, ProcessCpuTime end, double windowSeconds) => new(
        windowSeconds,
        Math.Max(0, end.UserSeconds - start.UserSeconds),
        Math.Max(0, end.SystemSeconds - start.SystemSeconds),
        Math.Max(0, end.VoluntarySwitches - start.VoluntarySwitches),
        Math.Max(0, end.InvoluntarySwitches - start.InvoluntarySwitches));
}
