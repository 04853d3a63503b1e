
using PerfSuite.Kernel;
using PerfSuite.Kernel.Proc;
using PerfSuite.Kernel.Processes;
using PerfSuite.Lab;
using PerfSuite.LoadGen.Cpu;

namespace PerfSuite.LoadGen.Tests.Cpu;

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

    [Fact]
    public void A_cpu_account_over_a_short_window_is_consistent()
    {
        var sampler = new CpuEdgeSampler();
        var start = sampler.Take();
        Thread.Sleep(100);
        var end = sampler.Take();

        var account = CpuAccount.Between(start, end);

        // /proc/stat counts whole ticks, so each CPU's busy time may be off by a tick at either edge
        var seconds = account.Host.WindowSeconds;
        var cpus = Environment.ProcessorCount;
        Assert.InRange(seconds, 0.09, 10);
        Assert.InRange(account.Host.BusyCores, 0, cpus + 2.0 * cpus / ClockTicks.PerSecond / seconds);
        Assert.True(account.Process.Cores >= 0);
    }
}
