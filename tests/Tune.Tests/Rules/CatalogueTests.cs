using PerfSuite.Model.Probe;
using PerfSuite.Probe.Facts;
using PerfSuite.Tune.Rules;

namespace PerfSuite.Tune.Tests.Rules;

public sealed class CatalogueTests
{
    /// <summary>A node with something wrong for every rule.</summary>
    private static NetworkFacts EverythingWrong() => new SyntheticNode().Cpus(4).Kernel("6.12.1")
        .Nic("eth0", 9000, features: SyntheticNode.NicFeatures(gro: false, groHw: false, tunnelSegmentation: false),
            rings: new RingParams(4096, 0, 0, 4096, 512, 0, 0, 512),
            channels: new ChannelParams(0, 0, 0, 4, 0, 0, 0, 1),
            coalesce: new CoalesceParams(8, 0, 0, 0, 8, 0, 0, 0, 0, false, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        .Nic("eth1", 1500, features: SyntheticNode.NicFeatures(tso: false, txChecksum: false),
            channels: new ChannelParams(1, 1, 0, 0, 1, 1, 0, 0), rxQueues: 1)
        .Rps("eth1", "rx-0", "0")
        .Route("0.0.0.0/0", "10.0.0.254", "eth0", mtu: 9100)
        .Vxlan("flannel.1", 1450, over: "eth0", gro: false)
        .Route("10.42.9.0/24", "10.42.9.0", "flannel.1", mtu: 1000)
        .Bridge("cni0", 9000)
        .Veth("veth0", 9000, master: "cni0").Veth("pod0", 9000, peer: "veth0")
        .Sysctl("net.ipv4.ip_forward", "1")
        .Sysctl("net.ipv4.tcp_rmem", "4096 131072 262144")
        .Sysctl("net.ipv4.tcp_wmem", "4096 16384 262144")
        .Sysctl("net.core.rmem_max", "212992")
        .Sysctl("net.core.wmem_max", "212992")
        .Sysctl("net.core.netdev_max_backlog", "1000")
        .Softnet(100, 5)
        .Sysctl("net.ipv4.tcp_slow_start_after_idle", "1")
        .Sysctl("net.ipv4.tcp_notsent_lowat", "4294967295")
        .Build();

    [Fact]
    public void Every_catalogued_rule_fires_on_a_node_with_everything_wrong_except_the_mutually_exclusive_ones()
    {
        // When
        var rules = Evaluate.All(EverythingWrong()).Select(f => f.Rule).ToHashSet();

        // Then: a too-large and a too-small of the same subject cannot both hold on one node
        var expected = RuleCatalog.Catalogue.Select(r => r.Id)
            .Except([TunnelMtuRule.TooLarge, PodMtuRule.TooSmall])
            .ToHashSet();
        Assert.Empty(expected.Except(rules));
    }

    [Fact]
    public void Every_finding_is_complete_and_identified_once()
    {
        var findings = Evaluate.All(EverythingWrong());

        Assert.Equal(findings.Count, findings.Select(f => f.Id).Distinct().Count());
        Assert.All(findings, f =>
        {
            Assert.StartsWith(f.Rule + "@", f.Id, StringComparison.Ordinal);
            Assert.Contains(RuleCatalog.Catalogue, r => r.Id == f.Rule);
            Assert.False(string.IsNullOrWhiteSpace(f.Current));
            Assert.False(string.IsNullOrWhiteSpace(f.Proposed));
            Assert.False(string.IsNullOrWhiteSpace(f.Why));
            Assert.False(string.IsNullOrWhiteSpace(f.Source));
            Assert.False(string.IsNullOrWhiteSpace(f.ExpectedEffect));
            Assert.False(string.IsNullOrWhiteSpace(f.Risk));
            Assert.NotEmpty(f.Changes);
            Assert.Equal(f.Action != Findings.FindingAction.Apply, f.Note is not null);
        });
    }

    [Fact]
    public void Catalogue_ids_are_unique_and_cite_a_source()
    {
        var ids = RuleCatalog.Catalogue.Select(r => r.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(RuleCatalog.Catalogue, r => Assert.False(string.IsNullOrWhiteSpace(r.Source)));
    }
}
