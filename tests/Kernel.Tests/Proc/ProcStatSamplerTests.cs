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
    public void A_sample_is_stamped_with_the_middle_of_its_proc_stat_read()
    {
        // Given a clock that reads 1000 before /proc/stat and 1000 + half a millisecond after it
        var ticks = new Queue<long>([1000, 1000 + ProcStatSampler.MaxReadTicks / 2]);
        var sampler = Sampler(ticks);

        // When
        var sample = sampler.Sample();

        // Then
        Assert.Equal(1000 + ProcStatSampler.MaxReadTicks / 4, sample.Timestamp);
        Assert.Equal(ProcStatSampler.MaxReadTicks / 2, sample.ReadTicks);
        Assert.Empty(ticks);
    }

    [Fact]
    public void A_read_interrupted_for_longer_than_a_millisecond_is_done_again()
    {
        // Given a clock under which the first read of /proc/stat takes 5 ms (descheduled) and the second 10 µs
        var ms = ProcStatSampler.MaxReadTicks;
        var ticks = new Queue<long>([0, 5 * ms, 6 * ms, 6 * ms + ms / 100]);
        var sampler = Sampler(ticks);

        // When
        var sample = sampler.Sample();

        // Then the second read is the one kept
        Assert.Equal(6 * ms + ms / 200, sample.Timestamp);
        Assert.Equal(ms / 100, sample.ReadTicks);
        Assert.Empty(ticks);
    }

    [Fact]
    public void Reads_that_stay_slow_are_tried_a_bounded_number_of_times_and_the_last_is_kept()
    {
        // Given a clock under which every read takes 2 ms
        var ms = ProcStatSampler.MaxReadTicks;
        var ticks = new Queue<long>(Enumerable.Range(0, 2 * ProcStatSampler.Attempts).Select(i => i * 2 * ms));
        var sampler = Sampler(ticks);

        // When
        var sample = sampler.Sample();

        // Then: Attempts reads, and the last one's span kept as the edge's uncertainty
        Assert.Empty(ticks);
        Assert.Equal(2 * ms, sample.ReadTicks);
        Assert.Equal((2 * ProcStatSampler.Attempts - 2) * 2 * ms + ms, sample.Timestamp);
    }

    private static ProcStatSampler Sampler(Queue<long> ticks) => new(
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "proc-stat.debian12-2cpu.txt"),
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "proc-softirqs.debian12-2cpu.txt"),
        ticks.Dequeue);

    [Fact]
    public void User_hz_is_reported_by_the_kernel()
    {
        Assert.InRange(ClockTicks.PerSecond, 1, 10_000);
    }
}
