using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Findings;
using PerfSuite.Tune.Rules;

namespace PerfSuite.Tune.Tests.Rules;

public sealed class OffloadRuleTests
{
    [Fact]
    public void GRO_off_on_the_underlay_and_the_tunnel_is_found_but_not_on_pod_veths()
    {
        // Given GRO off on the NIC, on flannel.1 and (as veths have it by default) on a pod veth
        var facts = new SyntheticNode()
            .Nic("eth0", 1500, features: SyntheticNode.NicFeatures(gro: false))
            .Vxlan("flannel.1", 1450, over: "eth0", gro: false)
            .Bridge("cni0", 1450)
            .Veth("veth1", 1450, peerElsewhere: true, master: "cni0")
            .Build();

        // When
        var findings = Evaluate.Rule(facts, GroRule.Id);

        // Then
        Assert.Equal(["eth0", "flannel.1"], findings.Select(f => f.Subject.Name));
        var setting = Assert.IsType<FeatureSetting>(Assert.Single(findings[1].Changes));
        Assert.True(setting.Requested["rx-gro"]);
        Assert.Equal("ethtool -K flannel.1 rx-gro on", setting.Describe());
        Assert.All(findings, f => Assert.Equal(FindingAction.Apply, f.Action));
    }

    [Fact]
    public void GRO_on_a_veth_underlay_warns_that_it_switches_the_veth_to_NAPI()
    {
        var facts = new SyntheticNode().Veth("ul0", 1500).Veth("ul1", 1500, peer: "ul0").Vxlan("vx0", 1450, over: "ul0").Build();

        var finding = Assert.Single(Evaluate.Rule(facts, GroRule.Id));

        Assert.Equal("ul0", finding.Subject.Name);
        Assert.Contains("NAPI", finding.Risk, StringComparison.Ordinal);
    }

    [Fact]
    public void Hardware_GRO_is_proposed_only_where_the_NIC_can_change_it()
    {
        var capable = new SyntheticNode().Nic("eth0", 1500, features: SyntheticNode.NicFeatures(groHw: false)).Build();
        var veth = new SyntheticNode().Veth("ul0", 1500).Vxlan("vx0", 1450, over: "ul0").Build();

        var finding = Assert.Single(Evaluate.Rule(capable, HardwareGroRule.Id));
        Assert.Equal("rx-gro-hw on", finding.Proposed);
        Assert.Empty(Evaluate.Rule(veth, HardwareGroRule.Id));
    }

    [Fact]
    public void UDP_GRO_forwarding_is_proposed_on_a_forwarding_node_with_a_UDP_tunnel_only()
    {
        SyntheticNode Node(string forward) => new SyntheticNode()
            .Nic("eth0", 1500).Vxlan("flannel.1", 1450, over: "eth0").Sysctl("net.ipv4.ip_forward", forward);

        var finding = Assert.Single(Evaluate.Rule(Node("1").Build(), UdpGroForwardingRule.Id));
        Assert.Equal("eth0", finding.Subject.Name);
        Assert.Empty(Evaluate.Rule(Node("0").Build(), UdpGroForwardingRule.Id));
        var ipipOnly = new SyntheticNode().Nic("eth0", 1500).Route("0.0.0.0/0", "10.0.0.254", "eth0").Ipip("tunl0", 1480)
            .Sysctl("net.ipv4.ip_forward", "1").Build();
        Assert.Empty(Evaluate.Rule(ipipOnly, UdpGroForwardingRule.Id));
    }

    [Fact]
    public void Tunnel_segmentation_the_NIC_has_but_does_not_use_is_proposed_with_both_features()
    {
        var facts = new SyntheticNode()
            .Nic("eth0", 1500, features: SyntheticNode.NicFeatures(tunnelSegmentation: false))
            .Vxlan("flannel.1", 1450, over: "eth0")
            .Build();

        var finding = Assert.Single(Evaluate.Rule(facts, TunnelSegmentationRule.Id));

        var setting = Assert.IsType<FeatureSetting>(Assert.Single(finding.Changes));
        Assert.Equal(["tx-udp_tnl-csum-segmentation", "tx-udp_tnl-segmentation"], setting.Requested.Keys.Order(StringComparer.Ordinal));
        Assert.All(setting.Requested.Values, Assert.True);
    }

    [Fact]
    public void Tunnel_segmentation_is_not_proposed_without_a_tunnel()
    {
        var facts = new SyntheticNode().Nic("eth0", 1500, features: SyntheticNode.NicFeatures(tunnelSegmentation: false)).Build();

        Assert.Empty(Evaluate.Rule(facts, TunnelSegmentationRule.Id));
    }

    [Fact]
    public void The_VXLAN_checksum_flag_is_a_measurement_naming_the_kernel_and_vmxnet3()
    {
        // Given a 6.12 kernel, a vmxnet3 underlay and the flag on
        var facts = new SyntheticNode()
            .Kernel("6.12.54-flatcar")
            .Nic("ens192", 1500, driver: "vmxnet3")
            .Vxlan("vxlan.calico", 1450, over: "ens192")
            .Build();

        var finding = Assert.Single(Evaluate.Rule(facts, VxlanTxChecksumRule.Id));

        Assert.Equal(FindingAction.Measure, finding.Action);
        Assert.Equal("tx-checksum-ip-generic on", finding.Current);
        Assert.Equal("measure tx-checksum-ip-generic on and off", finding.Proposed);
        Assert.Contains("6.12 or later", finding.Why, StringComparison.Ordinal);
        Assert.Contains("vmxnet3", finding.Why, StringComparison.Ordinal);
        Assert.Contains("11435", finding.Source, StringComparison.Ordinal);
        var setting = Assert.IsType<FeatureSetting>(Assert.Single(finding.Changes));
        Assert.False(setting.Requested["tx-checksum-ip-generic"]);
    }

    [Fact]
    public void With_the_checksum_flag_off_the_measurement_proposes_turning_it_on()
    {
        var facts = new SyntheticNode().Kernel("5.15.0").Nic("eth0", 1500).Vxlan("flannel.1", 1450, over: "eth0", txChecksum: false).Build();

        var finding = Assert.Single(Evaluate.Rule(facts, VxlanTxChecksumRule.Id));

        Assert.DoesNotContain("6.12 or later", finding.Why, StringComparison.Ordinal);
        Assert.True(Assert.IsType<FeatureSetting>(Assert.Single(finding.Changes)).Requested["tx-checksum-ip-generic"]);
    }

    [Theory]
    [InlineData("6.12.0", true)]
    [InlineData("6.18.44-fc-v669", true)]
    [InlineData("7.0.1", true)]
    [InlineData("6.11.9", false)]
    [InlineData("5.15.0-134-generic", false)]
    [InlineData("garbage", false)]
    public void Kernel_releases_compare_by_major_and_minor(string release, bool atLeast612) =>
        Assert.Equal(atLeast612, VxlanTxChecksumRule.KernelAtLeast(release, 6, 12));
}
