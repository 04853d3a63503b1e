using PerfSuite.Kernel.Proc;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Tests.Proc;

public sealed class SoftirqsParserTests
{
    [Fact]
    public void Reads_net_rx_and_net_tx_per_cpu_of_this_machine()
    {
        // Given a copy of /proc/softirqs from the 2-core development machine
        var snapshot = SoftirqsParser.Parse(FixtureFile.Read("proc-softirqs.debian12-2cpu.txt"));

        // Then: two columns and the ten softirqs the kernel lists
        Assert.Equal([0, 1], snapshot.Cpus);
        Assert.Equal(10, snapshot.Counts.Count);
        Assert.Equal(2, snapshot.PerCpu(SoftirqSnapshot.NetRx).Length);
        Assert.True(snapshot.PerCpu("TIMER").All(v => v > 0));
    }

    [Fact]
    public void Columns_follow_the_header_when_a_cpu_is_missing()
    {
        var snapshot = SoftirqsParser.Parse(FixtureFile.Read("proc-softirqs.hand-96cpu.txt"));

        Assert.Equal(95, snapshot.Cpus.Count);
        var column = snapshot.Cpus.ToList().IndexOf(6);
        Assert.Equal(5, column);
        Assert.Equal(18UL, snapshot.PerCpu(SoftirqSnapshot.NetRx)[column]);
        Assert.Equal(6UL, snapshot.PerCpu(SoftirqSnapshot.NetTx)[column]);
    }

    [Fact]
    public void A_softirq_the_kernel_does_not_list_reads_as_zeros()
    {
        var snapshot = SoftirqsParser.Parse("   CPU0 CPU1\n  TIMER: 5 6\n");

        Assert.Equal([0UL, 0UL], snapshot.PerCpu(SoftirqSnapshot.NetRx));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   CPU0 CPU1\nNET_RX: 1\n")]
    [InlineData("   CPU0 CPU1\nNET_RX: 1 2 3\n")]
    [InlineData("   CPU0 CPU1\nNET_RX 1 2\n")]
    [InlineData("   CPU0 XYZ\nNET_RX: 1 2\n")]
    public void Garbage_is_a_protocol_error(string text)
    {
        var e = Assert.Throws<PerfSuiteException>(() => SoftirqsParser.Parse(text));
        Assert.Equal(ErrorReason.Protocol, e.Reason);
    }
}
