using PerfSuite.Kernel.Proc;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Tests.Proc;

public sealed class ProcStatParserTests
{
    [Fact]
    public void Reads_total_and_every_cpu_of_this_machine()
    {
        // Given a copy of /proc/stat from the 2-core development machine
        var text = FixtureFile.Read("proc-stat.debian12-2cpu.txt");

        // When
        var snapshot = ProcStatParser.Parse(text);

        // Then: both CPUs, and the total line is the sum of the per-CPU lines within rounding: the kernel converts
        // the summed nanoseconds to ticks once for the total and per CPU for the others (fs/proc/stat.c).
        Assert.Equal([0, 1], snapshot.Cpus.Select(c => c.Cpu));
        var sum = snapshot.Cpus.Aggregate(default(CpuTimes), (acc, c) => acc + c.Times);
        Assert.InRange((long)snapshot.Total.User - (long)sum.User, 0, snapshot.Cpus.Count);
        Assert.InRange((long)snapshot.Total.System - (long)sum.System, 0, snapshot.Cpus.Count);
        Assert.InRange((long)snapshot.Total.Idle - (long)sum.Idle, 0, snapshot.Cpus.Count);
        Assert.True(snapshot.Total.Idle > 0);
    }

    [Fact]
    public void Keeps_cpu_numbers_when_one_is_offline()
    {
        // Given a 96-CPU host with CPU 5 offline
        var snapshot = ProcStatParser.Parse(FixtureFile.Read("proc-stat.hand-96cpu.txt"));

        // Then: 95 lines, no CPU 5, and CPU 6 keeps its number and values
        Assert.Equal(95, snapshot.Cpus.Count);
        Assert.DoesNotContain(snapshot.Cpus, c => c.Cpu == 5);
        var cpu6 = snapshot.Cpus.Single(c => c.Cpu == 6).Times;
        Assert.Equal(new CpuTimes(1006, 60, 512, 90006, 30, 42, 306, 4, 106, 0), cpu6);
        Assert.Equal(99555UL, snapshot.Total.User);
    }

    [Fact]
    public void Missing_columns_of_old_kernels_are_zero()
    {
        var snapshot = ProcStatParser.Parse(FixtureFile.Read("proc-stat.linux24-4col.txt"));

        Assert.Equal(new CpuTimes(4705, 150, 1120, 16250, 520, 0, 0, 0, 0, 0), snapshot.Total);
    }

    [Fact]
    public void Busy_leaves_out_guest_steal_idle_and_iowait()
    {
        // Given: guest time is already counted inside user by the kernel
        var times = new CpuTimes(User: 100, Nice: 1, System: 20, Idle: 1000, Iowait: 50, Irq: 3, Softirq: 7, Steal: 2, Guest: 60, GuestNice: 1);

        // and steal is time the hypervisor gave other guests: not busy here (issue 14)
        Assert.Equal(131UL, times.Busy);
        Assert.Equal(1183UL, times.Total);
    }

    [Fact]
    public void A_counter_that_went_backwards_gives_zero_not_a_wrapped_delta()
    {
        var earlier = new CpuTimes(10, 0, 10, 500, 40, 0, 0, 0, 0, 0);
        var later = new CpuTimes(20, 0, 15, 600, 35, 0, 0, 0, 0, 0);

        var delta = later.Since(earlier);

        Assert.Equal(0UL, delta.Iowait);
        Assert.Equal(10UL, delta.User);
    }

    [Theory]
    [InlineData("")]
    [InlineData("intr 1 2 3\n")]
    [InlineData("cpu  1 2 x 4\n")]
    [InlineData("cpu  1 2\n")]
    [InlineData("cpu  1 2 3 4\ncpuX 1 2 3 4\n")]
    public void Garbage_is_a_protocol_error(string text)
    {
        var e = Assert.Throws<PerfSuiteException>(() => ProcStatParser.Parse(text));
        Assert.Equal(ErrorReason.Protocol, e.Reason);
    }
}
