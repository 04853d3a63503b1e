using PerfSuite.Kernel.Proc;

namespace PerfSuite.Kernel.Tests.Proc;

public sealed class ProcStatSamplerTests
{
    [Fact]
    public void Two_live_samples_give_a_window_within_the_host_cpu_count()
    {
        // Given the live /proc of this host
        var sampler = new ProcStatSampler();

        // When: two samples with some work between them
        var start = sampler.Sample();
        var spin = DateTime.UtcNow.AddMilliseconds(50);
        while (DateTime.UtcNow < spin) { }
        var end = sampler.Sample();
        var window = HostCpuWindow.Between(start, end, ClockTicks.PerSecond);

        // Then
        Assert.True(window.Cpu.WindowSeconds > 0);
        Assert.Equal(Environment.ProcessorCount, window.Cpu.CpuCount);
        Assert.InRange(window.Cpu.Utilisation, 0, 1);
        Assert.Equal(window.Softirqs.NetRxPerCpu.Count, window.Softirqs.Cpus.Count);
    }

    [Fact]
    public void User_hz_is_reported_by_the_kernel()
    {
        Assert.InRange(ClockTicks.PerSecond, 1, 10_000);
    }
}
