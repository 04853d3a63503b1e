using PerfSuite.Kernel.Proc;

namespace PerfSuite.Kernel.Processes;

/// <summary>Reads the CPU time of this process (getrusage, microsecond resolution) or of another one
/// (<c>/proc/PID/stat</c>, USER_HZ resolution). Softirq work done on behalf of the process on other CPUs and in
/// ksoftirqd is not in either, which is why host /proc/stat deltas are the primary CPU measure.</summary>
public static class ProcessCpuClock
{
    public static ProcessCpuTime Self()
    {
        Interop.CheckIo(Interop.getrusage(Interop.RUSAGE_SELF, out var usage), "getrusage(RUSAGE_SELF)");
        return new ProcessCpuTime(
            usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6,
            usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6,
            usage.ru_nvcsw, usage.ru_nivcsw);
    }

    public static ProcessCpuTime OfProcess(int pid)
    {
        var ticks = ProcStatSampler.ReadProcess(pid);
        double hz = ClockTicks.PerSecond;
        return new ProcessCpuTime(ticks.UserTicks / hz, ticks.SystemTicks / hz, 0, 0);
    }
}
