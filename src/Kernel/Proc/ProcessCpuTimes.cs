namespace PerfSuite.Kernel.Proc;

/// <summary>CPU time of one process in USER_HZ ticks, from fields 14 (utime) and 15 (stime) of
/// <c>/proc/PID/stat</c>. Guest time is inside utime.</summary>
public readonly record struct ProcessCpuTimes(ulong UserTicks, ulong SystemTicks)
{
    public ulong TotalTicks => UserTicks + SystemTicks;
}
