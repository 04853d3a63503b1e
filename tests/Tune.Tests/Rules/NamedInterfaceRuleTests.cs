using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Findings;
using PerfSuite.Tune.Rules;

namespace PerfSuite.Tune.Tests.Rules;

/// <summary>Issue 20: an interface named with --iface is judged by the interface-level rules whatever its role,
/// and the report names the topology-level rules it could not judge.</summary>
public sealed class NamedInterfaceRuleTests
{
    private static readonly TuneOptions NamedVa = new(Interfaces: ["va"]);

    [Fact]
    public void A_plain_veth_is_judged_by_the_interface_rules_only_when_named()
    {
        // Given a namespace holding only a veth pair, TSO, GRO and TX checksumming off on va
        var facts = new SyntheticNode().Veth("va", 1500, gro: false, tso: false, txChecksum: false).Veth("vb", 1500, peer: "va").Build();

        // When
        var unnamed = Evaluate.All(facts).Where(f => f.Rule.StartsWith("offload.", StringComparison.Ordinal)).ToList();
        var named = Evaluate.All(facts, NamedVa);

        // Then
        Assert.Empty(unnamed);
        Assert.Equal([
            "offload.checksum-off@va", "offload.segmentation-off@va", "offload.gro-off@va", "queues.channels-below-cpus@va",
        ], named.Select(f => f.Id));
        var tso = Assert.IsType<FeatureSetting>(Assert.Single(named[1].Changes));
        Assert.Equal("ethtool -K va tx-tcp-segmentation on", tso.Describe());
        Assert.All(named.Take(3), f => Assert.Contains("(named with --iface)", f.Why, StringComparison.Ordinal));
    }

    [Fact]
    public void A_named_vxlan_device_leaves_its_tx_checksum_to_the_measuring_rule()
    {
        var facts = new SyntheticNode().Nic("eth0", 1500).Vxlan("vx0", 1450, over: "eth0").Build();
        var off = new SyntheticNode().Nic("eth0", 1500).Vxlan("vx0", 1450, over: "eth0", txChecksum: false).Build();

        Assert.Empty(Evaluate.Rule(facts, ChecksumOffloadRule.Id, new TuneOptions(Interfaces: ["vx0"])));
        Assert.Empty(Evaluate.Rule(off, ChecksumOffloadRule.Id, new TuneOptions(Interfaces: ["vx0"])));
    }

    [Fact]
    public void Naming_an_interface_lists_the_topology_rules_not_judged_and_why()
    {
        var facts = new SyntheticNode().Veth("va", 1500).Veth("vb", 1500, peer: "va").Build();

        var named = TuneAdvisor.Evaluate(facts, NamedVa);
        var unnamed = TuneAdvisor.Evaluate(facts, new TuneOptions());

        Assert.Null(unnamed.NotJudged);
        var notJudged = Assert.IsAssignableFrom<IReadOnlyList<NotJudged>>(named.NotJudged);
        var tunnels = Assert.Single(notJudged, n => n.Rules.Contains(TunnelMtuRule.TooLarge));
        Assert.Contains(VxlanTxChecksumRule.Id, tunnels.Rules);
        Assert.StartsWith("no tunnel device", tunnels.Reason, StringComparison.Ordinal);
        Assert.Contains(notJudged, n => n.Rules.Contains(PodMtuRule.TooLarge));
        var sysctls = Assert.Single(notJudged, n => n.Rules.Contains(SocketBufferRule.TcpRmem));
        Assert.Contains("--iface", sysctls.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_tunnel_and_pods_only_the_sysctls_go_unjudged()
    {
        var facts = new SyntheticNode().Nic("eth0", 1500).Route("0.0.0.0/0", "10.0.0.254", "eth0").Vxlan("flannel.1", 1450, over: "eth0")
            .Bridge("cni0", 1450).Veth("veth1", 1450, peerElsewhere: true, master: "cni0").Build();

        var report = TuneAdvisor.Evaluate(facts, new TuneOptions(Interfaces: ["eth0"]));

        var only = Assert.Single(report.NotJudged!);
        Assert.All(only.Rules, r => Assert.StartsWith("sysctl.", r, StringComparison.Ordinal));
    }
}
