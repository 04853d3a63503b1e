using PerfSuite.Kernel.Proc;
using PerfSuite.LoadGen.Cpu;

namespace PerfSuite.LoadGen.Tests.Cpu;

public sealed class CpuAccountTests
{
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
