using PerfSuite.Model.Probe;
using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Findings;
using PerfSuite.Tune.Rules;

namespace PerfSuite.Tune.Tests.Rules;

public sealed class QueueRuleTests
{
    private static readonly CoalesceParams FixedCoalescing = new(
        50, 64, 0, 0, 50, 64, 0, 0, 0, false, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    [Fact]
    public void Rings_below_the_maximum_are_raised_to_it_and_the_rest_of_the_structure_is_kept()
    {
        var rings = new RingParams(8192, 0, 0, 8192, 1024, 0, 0, 512);
        var facts = new SyntheticNode().Nic("eth0", 1500, rings: rings).Build();

        var finding = Assert.Single(Evaluate.Rule(facts, RingRule.Id));

        Assert.Equal("rx 1024/8192, tx 512/8192", finding.Current);
        var setting = Assert.IsType<RingSetting>(Assert.Single(finding.Changes));
        Assert.Equal(rings with { Rx = 8192, Tx = 8192 }, setting.Rings);
        Assert.Equal(RiskLevel.Medium, finding.RiskLevel);
    }

    [Fact]
    public void Rings_at_their_maximum_are_fine()
    {
        var facts = new SyntheticNode().Nic("eth0", 1500, rings: new RingParams(4096, 0, 0, 4096, 4096, 0, 0, 4096)).Build();

        Assert.Empty(Evaluate.Rule(facts, RingRule.Id));
    }

    [Fact]
    public void Combined_channels_grow_to_the_CPU_count_within_the_driver_maximum()
    {
        var facts = new SyntheticNode().Cpus(16)
            .Nic("eth0", 1500, channels: new ChannelParams(0, 0, 1, 8, 0, 0, 1, 2))
            .Build();

        var finding = Assert.Single(Evaluate.Rule(facts, ChannelRule.Id));

        Assert.Equal("2 combined", finding.Current);
        Assert.Equal("8 combined", finding.Proposed);
        var setting = Assert.IsType<ChannelSetting>(Assert.Single(finding.Changes));
        Assert.Equal(new ChannelParams(0, 0, 1, 8, 0, 0, 1, 8), setting.Channels);
    }

    [Fact]
    public void Separate_rx_and_tx_queues_of_a_veth_underlay_grow_to_the_CPU_count()
    {
        // veth reports rx 1/2, tx 1/2 on a 2-CPU host
        var facts = new SyntheticNode().Cpus(2).Veth("ul0", 1500).Vxlan("vx0", 1450, over: "ul0").Build();

        var finding = Assert.Single(Evaluate.Rule(facts, ChannelRule.Id));

        Assert.Equal("ul0", finding.Subject.Name);
        Assert.Equal("ethtool -L ul0 rx 2 tx 2 other 0 combined 0", Assert.Single(finding.Changes).Describe());
    }

    [Fact]
    public void Fixed_interrupt_coalescing_becomes_adaptive_with_every_other_field_as_read()
    {
        var facts = new SyntheticNode().Nic("eth0", 1500, coalesce: FixedCoalescing).Build();

        var finding = Assert.Single(Evaluate.Rule(facts, AdaptiveCoalescingRule.Id));

        var setting = Assert.IsType<CoalesceSetting>(Assert.Single(finding.Changes));
        Assert.Equal(FixedCoalescing with { AdaptiveRx = true, AdaptiveTx = true }, setting.Coalesce);
    }

    [Fact]
    public void RPS_is_proposed_for_a_NIC_stuck_at_one_queue_with_every_CPU()
    {
        var facts = new SyntheticNode().Cpus(4)
            .Nic("eth0", 1500, channels: new ChannelParams(1, 1, 0, 0, 1, 1, 0, 0), rxQueues: 1)
            .Rps("eth0", "rx-0", "0")
            .Build();

        var finding = Assert.Single(Evaluate.Rule(facts, RpsRule.Id));

        Assert.Equal("rps_cpus rx-0=0", finding.Current);
        Assert.Equal("echo f > /sys/class/net/eth0/queues/rx-0/rps_cpus", Assert.Single(finding.Changes).Describe());
    }

    [Fact]
    public void RPS_is_not_proposed_where_more_queues_are_possible_or_RPS_is_already_on()
    {
        var canGrow = new SyntheticNode().Cpus(4)
            .Nic("eth0", 1500, channels: new ChannelParams(0, 0, 0, 4, 0, 0, 0, 1))
            .Rps("eth0", "rx-0", "0").Build();
        var alreadyOn = new SyntheticNode().Cpus(4)
            .Nic("eth0", 1500, channels: null, rxQueues: 1)
            .Rps("eth0", "rx-0", "0000000e").Build();
        var oneCpu = new SyntheticNode().Cpus(1)
            .Nic("eth0", 1500, channels: null, rxQueues: 1)
            .Rps("eth0", "rx-0", "0").Build();

        Assert.Empty(Evaluate.Rule(canGrow, RpsRule.Id));
        Assert.Empty(Evaluate.Rule(alreadyOn, RpsRule.Id));
        Assert.Empty(Evaluate.Rule(oneCpu, RpsRule.Id));
    }

    [Fact]
    public void Queue_rules_leave_pod_veths_alone()
    {
        var facts = new SyntheticNode().Cpus(8)
            .Nic("eth0", 1500, channels: new ChannelParams(0, 0, 0, 8, 0, 0, 0, 8))
            .Route("0.0.0.0/0", "10.0.0.254", "eth0")
            .Veth("cali1", 1500, peerElsewhere: true)
            .Build();

        Assert.Empty(Evaluate.Rule(facts, "queues."));
    }
}
