using PerfSuite.Kernel.Proc;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Tests.Proc;

public sealed class CpuUsageTests
{
    [Fact]
    public void Busy_cores_over_a_window_count_softirq_but_not_steal_or_guest()
    {
        // Given two readings of a 96-CPU host one second apart (see Fixtures/README.md for the increments)
        var start = ProcStatParser.Parse(FixtureFile.Read("proc-stat.hand-96cpu.txt"));
        var end = ProcStatParser.Parse(FixtureFile.Read("proc-stat.hand-96cpu.later.txt"));

        // When
        var usage = CpuUsage.Between(start, end, windowSeconds: 1.0, userHz: 100);

        // Then: 95 CPUs x (user 50 + system 20 + irq 1) + 48 even CPUs x softirq 9 = 7177 ticks; steal (2 per CPU) is
        // time the hypervisor gave someone else, apart from busy but among the accounted ticks
        Assert.Equal(7177UL, usage.BusyTicks);
        Assert.Equal(71.77, usage.BusyCores, 9);
        Assert.Equal(1.9, usage.ByCategory.Steal, 9);
        Assert.Equal(7177UL + 190 + 2850, usage.TotalTicks);
        Assert.Equal(47.5, usage.ByCategory.User, 9);
        Assert.Equal(19.0, usage.ByCategory.System, 9);
        Assert.Equal(4.32, usage.ByCategory.Softirq, 9);
        Assert.Equal(9.5, usage.ByCategory.Guest, 9);
        Assert.Equal(28.5, usage.ByCategory.Idle, 9);
        Assert.Equal(95, usage.PerCpu.Count);
        Assert.Equal(0.80, usage.PerCpu.Single(c => c.Cpu == 0).Busy, 9);
        Assert.Equal(0.71, usage.PerCpu.Single(c => c.Cpu == 1).Busy, 9);
        Assert.Equal(0.02, usage.PerCpu.Single(c => c.Cpu == 1).Steal, 9);
        Assert.Equal(0.80 + 0.02 + 0.30, usage.PerCpu.Single(c => c.Cpu == 0).Accounted, 9);
        Assert.Equal(0.09, usage.PerCpu.Single(c => c.Cpu == 94).Softirq, 9);
    }

    [Fact]
    public void Busy_cores_scale_with_the_window_and_user_hz()
    {
        var start = ProcStatParser.Parse(FixtureFile.Read("proc-stat.hand-96cpu.txt"));
        var end = ProcStatParser.Parse(FixtureFile.Read("proc-stat.hand-96cpu.later.txt"));

        var usage = CpuUsage.Between(start, end, windowSeconds: 2.0, userHz: 250);

        Assert.Equal(7177.0 / 250 / 2, usage.BusyCores, 9);
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
