using PerfSuite.Tune.Changes;
using PerfSuite.Probe.Facts;
using PerfSuite.Tune.Findings;
using PerfSuite.Tune.Rules;

namespace PerfSuite.Tune.Tests.Rules;

public sealed class SysctlRuleTests
{
    private static SyntheticNode Node() => new SyntheticNode().Nic("eth0", 1500, speedMbps: null);

    [Fact]
    public void Small_tcp_buffers_are_raised_to_tuned_network_throughput_when_that_covers_twice_the_BDP()
    {
        // Given 256 KiB maxima; 10 Gbit/s × 1 ms = 1.25 MB BDP, so 2.5 MB is needed
        var facts = Node()
            .Sysctl("net.ipv4.tcp_rmem", "4096\t131072\t262144")
            .Sysctl("net.ipv4.tcp_wmem", "4096\t16384\t262144")
            .Build();

        // When
        var findings = Evaluate.Rule(facts, "sysctl.tcp-");

        // Then: the maximum becomes tuned's 16 MiB, min and default stay
        var rmem = Assert.Single(findings, f => f.Rule == SocketBufferRule.TcpRmem);
        Assert.Equal("4096 131072 262144", rmem.Current);
        Assert.Equal("4096 131072 16777216", rmem.Proposed);
        Assert.Equal(new SysctlSetting("net.ipv4.tcp_rmem", "4096 131072 16777216"), Assert.Single(rmem.Changes));
        Assert.Contains("the BDP is 1.19 MiB; a buffer of twice that, 2.38 MiB", rmem.Why, StringComparison.Ordinal);
        Assert.Contains("tuned", rmem.Source, StringComparison.Ordinal);
        Assert.Equal(FindingAction.Apply, rmem.Action);
        var wmem = Assert.Single(findings, f => f.Rule == SocketBufferRule.TcpWmem);
        Assert.Equal("4096 16384 16777216", wmem.Proposed);
    }

    [Fact]
    public void A_long_fat_link_gets_buffers_of_twice_its_BDP_rounded_up()
    {
        // Given 100 Gbit/s and 10 ms: BDP 125 MB, 250 MB needed, next power of two 256 MiB
        var facts = Node().Sysctl("net.ipv4.tcp_rmem", "4096 131072 33554432").Build();

        var finding = Assert.Single(Evaluate.Rule(facts, SocketBufferRule.TcpRmem,
            new TuneOptions(LinkSpeedBps: 100e9, RoundTripTime: TimeSpan.FromMilliseconds(10))));

        Assert.Equal("4096 131072 268435456", finding.Proposed);
        Assert.Contains("--link-speed 100 Gbit/s", finding.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Buffers_that_already_cover_the_BDP_are_never_lowered()
    {
        var facts = Node()
            .Sysctl("net.ipv4.tcp_rmem", "4096 131072 6291456")
            .Sysctl("net.core.rmem_max", "4194304")
            .Build();

        Assert.Empty(Evaluate.Rule(facts, "sysctl."));
    }

    [Fact]
    public void The_underlays_reported_speed_sizes_the_buffers_when_none_is_given()
    {
        // Given a 25 Gbit/s NIC: 25e9 / 8 × 1 ms = 3.125 MB BDP, 6.25 MB needed, above a 4 MiB wmem maximum
        var facts = new SyntheticNode().Nic("eth0", 1500, speedMbps: 25000).Route("0.0.0.0/0", "10.0.0.254", "eth0")
            .Sysctl("net.ipv4.tcp_wmem", "4096 16384 4194304").Build();

        var finding = Assert.Single(Evaluate.Rule(facts, SocketBufferRule.TcpWmem));

        Assert.Contains("the speed eth0 reports, 25 Gbit/s", finding.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_wide_buffer_limit_is_advice_while_a_namespace_is_tuned_and_applied_on_the_host()
    {
        SyntheticNode Facts(SyntheticNode node) => node.Sysctl("net.core.rmem_max", "212992", writable: false, scope: SysctlScope.Host);

        var inNamespace = Assert.Single(Evaluate.Rule(Facts(Node().InNamespace("ps-lab-vx-n1")).Build(), SocketBufferRule.CoreRmemMax));
        var onHost = Assert.Single(Evaluate.Rule(new SyntheticNode().Nic("eth0", 1500)
            .Sysctl("net.core.rmem_max", "212992").Build(), SocketBufferRule.CoreRmemMax));

        Assert.Equal(FindingAction.Advise, inNamespace.Action);
        Assert.Contains("host-wide", inNamespace.Note, StringComparison.Ordinal);
        Assert.Equal(FindingAction.Apply, onHost.Action);
        Assert.Equal("16777216", onHost.Proposed);
    }

    [Fact]
    public void Backlog_drops_in_softnet_stat_double_the_backlog()
    {
        var facts = Node().Softnet(1_000_000, 1234).Sysctl("net.core.netdev_max_backlog", "1000").Build();

        var finding = Assert.Single(Evaluate.Rule(facts, BacklogRule.Id));

        Assert.Equal("2000", finding.Proposed);
        Assert.Contains("1234 packets dropped", finding.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_backlog_drops_the_backlog_is_left_alone()
    {
        var facts = Node().Softnet(1_000_000, 0).Sysctl("net.core.netdev_max_backlog", "1000").Build();

        Assert.Empty(Evaluate.Rule(facts, BacklogRule.Id));
    }

    [Fact]
    public void Slow_start_after_idle_is_turned_off()
    {
        var on = Node().Sysctl("net.ipv4.tcp_slow_start_after_idle", "1").Build();
        var off = Node().Sysctl("net.ipv4.tcp_slow_start_after_idle", "0").Build();

        var finding = Assert.Single(Evaluate.Rule(on, SlowStartAfterIdleRule.Id));
        Assert.Equal(new SysctlSetting("net.ipv4.tcp_slow_start_after_idle", "0"), Assert.Single(finding.Changes));
        Assert.Empty(Evaluate.Rule(off, SlowStartAfterIdleRule.Id));
    }

    [Fact]
    public void An_unlimited_notsent_lowat_is_a_measurement_not_a_change()
    {
        var facts = Node().Sysctl("net.ipv4.tcp_notsent_lowat", "4294967295").Build();

        var finding = Assert.Single(Evaluate.Rule(facts, NotsentLowatRule.Id));

        Assert.Equal(FindingAction.Measure, finding.Action);
        Assert.Equal("131072", finding.Proposed);
    }

    [Fact]
    public void A_sysctl_this_kernel_lacks_is_not_a_finding()
    {
        var facts = Node().Sysctl("net.ipv4.tcp_notsent_lowat", null).Sysctl("net.ipv4.tcp_rmem", null).Build();

        Assert.Empty(Evaluate.Rule(facts, "sysctl."));
    }
}
