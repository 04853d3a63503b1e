using PerfSuite.Kernel.Proc;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Tests.Proc;

public sealed class CpuUsageTests
{
    [Fact]
    public void Busy_cores_over_a_window_count_softirq_and_steal_but_not_guest()
    {
        // Given two readings of a 96-CPU host one second apart (see Fixtures/README.md for the increments)
        var start = ProcStatParser.Parse(FixtureFile.Read("proc-stat.hand-96cpu.txt"));
        var end = ProcStatParser.Parse(FixtureFile.Read("proc-stat.hand-96cpu.later.txt"));

        // When
        var usage = CpuUsage.Between(start, end, windowSeconds: 1.0, userHz: 100);

        // Then: 95 CPUs x (user 50 + system 20 + irq 1 + steal 2) + 48 even CPUs x softirq 9 = 7367 ticks
        Assert.Equal(7367UL, usage.BusyTicks);
        Assert.Equal(73.67, usage.BusyCores, 9);
        Assert.Equal(47.5, usage.ByCategory.User, 9);
        Assert.Equal(19.0, usage.ByCategory.System, 9);
        Assert.Equal(4.32, usage.ByCategory.Softirq, 9);
        Assert.Equal(9.5, usage.ByCategory.Guest, 9);
        Assert.Equal(28.5, usage.ByCategory.Idle, 9);
        Assert.Equal(95, usage.PerCpu.Count);
        Assert.Equal(0.82, usage.PerCpu.Single(c => c.Cpu == 0).Busy, 9);
        Assert.Equal(0.73, usage.PerCpu.Single(c => c.Cpu == 1).Busy, 9);
        Assert.Equal(0.09, usage.PerCpu.Single(c => c.Cpu == 94).Softirq, 9);
    }

    [Fact]
    public void Busy_cores_scale_with_the_window_and_user_hz()
    {
        var start = ProcStatParser.Parse(FixtureFile.Read("proc-stat.hand-96cpu.txt"));
        var end = ProcStatParser.Parse(FixtureFile.Read("proc-stat.hand-96cpu.later.txt"));

        var usage = CpuUsage.Between(start, end, windowSeconds: 2.0, userHz: 250);

        Assert.Equal(7367.0 / 250 / 2, usage.BusyCores, 9);
    }

    [Fact]
    public void Readings_of_this_machine_one_second_apart_give_at_most_two_cores()
    {
        var start = ProcStatParser.Parse(FixtureFile.Read("proc-stat.debian12-2cpu.txt"));
        var end = ProcStatParser.Parse(FixtureFile.Read("proc-stat.debian12-2cpu.later.txt"));

        var usage = CpuUsage.Between(start, end, 1.0, 100);

        Assert.InRange(usage.BusyCores, 0, 2.0);
        Assert.InRange(usage.Utilisation, 0, 1.0);
    }

    [Fact]
    public void Softirq_deltas_are_per_cpu_by_header_position()
    {
        var start = SoftirqsParser.Parse(FixtureFile.Read("proc-softirqs.hand-96cpu.txt"));
        var end = SoftirqsParser.Parse(FixtureFile.Read("proc-softirqs.hand-96cpu.later.txt"));

        var usage = SoftirqUsage.Between(start, end, 0.5);

        Assert.Equal(9500UL, usage.NetRx);
        Assert.Equal(7UL, usage.NetTx);
        Assert.Equal(7UL, usage.NetTxPerCpu[0]);
        Assert.Equal(19000.0, usage.NetRxPerSecond, 9);
    }

    [Fact]
    public void An_empty_window_is_refused()
    {
        var snapshot = ProcStatParser.Parse(FixtureFile.Read("proc-stat.debian12-2cpu.txt"));

        var e = Assert.Throws<PerfSuiteException>(() => CpuUsage.Between(snapshot, snapshot, 0, 100));
        Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
    }
}
