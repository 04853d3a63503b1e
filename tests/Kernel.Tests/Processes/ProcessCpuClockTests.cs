using PerfSuite.Kernel.Processes;

namespace PerfSuite.Kernel.Tests.Processes;

public sealed class ProcessCpuClockTests
{
    [Fact]
    public void Rusage_of_this_process_grows_with_work()
    {
        // Given
        var before = ProcessCpuClock.Self();

        // When: about 50 ms of pure computation
        var until = DateTime.UtcNow.AddMilliseconds(50);
        var x = 0UL;
        while (DateTime.UtcNow < until)
            x += (ulong)Environment.TickCount64;
        var after = ProcessCpuClock.Self();

        // Then
        Assert.True(after.TotalSeconds > before.TotalSeconds);
        Assert.NotEqual(0UL, x | 1);
    }

    [Fact]
    public void Proc_pid_stat_of_this_process_agrees_with_rusage_within_a_tick_per_thread()
    {
        var proc = ProcessCpuClock.OfProcess(Environment.ProcessId);
        var self = ProcessCpuClock.Self();

        // /proc counts in USER_HZ ticks; rusage in microseconds, read later. Both count the same process.
        Assert.True(proc.TotalSeconds <= self.TotalSeconds + 0.01 * Environment.ProcessorCount * 4);
        Assert.True(proc.TotalSeconds > 0);
    }
}
