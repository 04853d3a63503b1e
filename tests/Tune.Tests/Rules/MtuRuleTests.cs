using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;
using PerfSuite.Probe.Topology;
using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Findings;
using PerfSuite.Tune.Rules;

namespace PerfSuite.Tune.Tests.Rules;

public sealed class MtuRuleTests
{
    /// <summary>A Flannel node on a jumbo fabric whose VXLAN and pods were left at the 1500-byte defaults.</summary>
    private static SyntheticNode FlannelOnJumboFabric() => new SyntheticNode()
        .Nic("eth0", 9000)
        .Vxlan("flannel.1", 1450, over: "eth0", local: "10.0.0.1")
        .Bridge("cni0", 1450)
        .Veth("veth1a2b3c", 1450, peerElsewhere: true, master: "cni0")
        .Route("0.0.0.0/0", "10.0.0.254", "eth0")
        .Route("10.42.2.0/24", "10.42.2.0", "flannel.1");

    [Fact]
    public void A_1450_pod_MTU_on_a_9000_fabric_is_too_small_for_tunnel_and_pods()
    {
        // Given
        var facts = FlannelOnJumboFabric().Build();

        // When
        var findings = Evaluate.Rule(facts, "mtu.");

        // Then: the tunnel should carry 9000 − 50, and so should the pods
        var tunnel = Assert.Single(findings, f => f.Rule == TunnelMtuRule.TooSmall);
        Assert.Equal("flannel.1", tunnel.Subject.Name);
        Assert.Equal("mtu 1450", tunnel.Current);
        Assert.Equal("mtu 8950", tunnel.Proposed);
        Assert.Equal(FindingAction.Apply, tunnel.Action);
        Assert.Equal(new MtuSetting("flannel.1", 8950), Assert.Single(tunnel.Changes));
        Assert.Contains("Flannel", tunnel.Source, StringComparison.Ordinal);
        var pods = findings.Where(f => f.Rule == PodMtuRule.TooSmall).ToList();
        Assert.Equal(["cni0", "veth1a2b3c"], pods.Select(p => p.Subject.Name));
        Assert.All(pods, p => Assert.Equal("mtu 8950", p.Proposed));
        // The pods' other ends are in pod namespaces: only the CNI can change both ends.
        Assert.All(pods, p => Assert.Equal(FindingAction.Advise, p.Action));
    }

    [Fact]
    public void A_tunnel_MTU_equal_to_the_underlay_is_too_large_by_the_encapsulation()
    {
        var facts = new SyntheticNode()
            .Nic("eth0", 1500)
            .Vxlan("vxlan.calico", 1500, over: "eth0")
            .Build();

        var finding = Assert.Single(Evaluate.Rule(facts, "mtu."));

        Assert.Equal(TunnelMtuRule.TooLarge, finding.Rule);
        Assert.Equal("mtu 1450", finding.Proposed);
        Assert.Contains("1550-byte outer packets", finding.Why, StringComparison.Ordinal);
        Assert.Contains("felix", finding.Risk, StringComparison.Ordinal);
        Assert.Contains("RFC 7348", finding.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pod_MTU_larger_than_the_tunnel_is_found_and_applied_when_both_veth_ends_are_here()
    {
        // Given the lab built with --pod-mtu 1500 over a 1500-byte underlay, the pod end in the node's namespace
        var facts = new SyntheticNode()
            .Veth("ul0", 1500).Veth("ul1", 1500, peer: "ul0")
            .Vxlan("flannel.1", 1450, over: "ul0", local: "198.18.0.1")
            .Bridge("cni0", 1500)
            .Veth("veth0", 1500, master: "cni0").Veth("pod0", 1500, peer: "veth0")
            .Build();

        // When
        var findings = Evaluate.Rule(facts, "mtu.");

        // Then: the underlay's own peer is not a pod; the bridge, its port and the pod end are
        Assert.Equal(["cni0", "veth0", "pod0"], findings.Select(f => f.Subject.Name));
        Assert.All(findings, f =>
        {
            Assert.Equal(PodMtuRule.TooLarge, f.Rule);
            Assert.Equal("mtu 1450", f.Proposed);
            Assert.Equal(FindingAction.Apply, f.Action);
        });
    }

    [Fact]
    public void A_correctly_sized_node_has_no_MTU_finding()
    {
        var facts = new SyntheticNode()
            .Nic("eth0", 9000)
            .Vxlan("flannel.1", 8950, over: "eth0")
            .Bridge("cni0", 8950)
            .Veth("veth1", 8950, peerElsewhere: true, master: "cni0")
            .Build();

        Assert.Empty(Evaluate.Rule(facts, "mtu."));
    }

    [Fact]
    public void WireGuard_accepts_both_the_IPv4_and_the_IPv6_overhead_and_proposes_the_one_that_fits_both()
    {
        // Given wg-quick's 1420 (1500 − 80) on one node and 1500 on another
        var fine = new SyntheticNode().Nic("eth0", 1500).Route("0.0.0.0/0", "10.0.0.254", "eth0").Wireguard("wg0", 1420).Build();
        var wrong = new SyntheticNode().Nic("eth0", 1500).Route("0.0.0.0/0", "10.0.0.254", "eth0").Wireguard("wg0", 1500).Build();

        Assert.Empty(Evaluate.Rule(fine, "mtu."));
        var finding = Assert.Single(Evaluate.Rule(wrong, "mtu."));
        Assert.Equal("mtu 1420", finding.Proposed);
        Assert.Contains("1420–1440", finding.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void Calico_IPIP_is_sized_by_its_20_bytes()
    {
        var facts = new SyntheticNode().Nic("eth0", 1500).Route("0.0.0.0/0", "10.0.0.254", "eth0").Ipip("tunl0", 1440).Build();

        var finding = Assert.Single(Evaluate.Rule(facts, "mtu."));

        Assert.Equal(TunnelMtuRule.TooSmall, finding.Rule);
        Assert.Equal("mtu 1480", finding.Proposed);
        Assert.Contains("RFC 2003", finding.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Natively_routed_pods_should_have_the_underlay_MTU()
    {
        // Given host-gw routing (no tunnel) with pods left at a VXLAN-sized MTU
        var facts = new SyntheticNode()
            .Nic("eth0", 1500)
            .Route("10.42.2.0/24", "198.18.0.2", "eth0")
            .Bridge("cni0", 1450)
            .Veth("veth1", 1450, peerElsewhere: true, master: "cni0")
            .Build();

        var findings = Evaluate.Rule(facts, "mtu.");

        Assert.Equal([PodMtuRule.TooSmall, PodMtuRule.TooSmall], findings.Select(f => f.Rule));
        Assert.All(findings, f => Assert.Equal("mtu 1500", f.Proposed));
    }

    [Fact]
    public void Cilium_pods_keep_the_device_MTU_and_a_route_MTU_above_the_tunnel_is_found()
    {
        // Given Cilium: lxc devices at the device MTU, the tunnel's MTU on routes, one route left at 1500
        var facts = new SyntheticNode()
            .Nic("eth0", 1500)
            .Route("0.0.0.0/0", "10.0.0.254", "eth0")
            .Vxlan("cilium_vxlan", 1500, over: null, local: null)
            .Veth("cilium_host", 1500).Veth("cilium_net", 1500, peer: "cilium_host")
            .Veth("lxc12ab", 1500, peerElsewhere: true)
            .Route("10.0.1.0/24", "10.0.0.5", "cilium_host", mtu: 1450)
            .Route("10.0.2.0/24", "10.0.0.5", "cilium_host", mtu: 1500)
            .Build();

        var findings = Evaluate.Rule(facts, "mtu.");

        // Then: no pod device finding; the 1500 route is too large for VXLAN over 1500 and is advice only
        var route = Assert.Single(findings, f => f.Rule.StartsWith("mtu.route", StringComparison.Ordinal));
        Assert.Equal(RouteMtuRule.TooLarge, route.Rule);
        Assert.Equal("10.0.2.0/24 dev cilium_host", route.Subject.Name);
        Assert.Equal(FindingAction.Advise, route.Action);
        Assert.Equal("ip route change 10.0.2.0/24 via 10.0.0.5 dev cilium_host mtu 1430", Assert.Single(route.Changes).Describe());
        Assert.DoesNotContain(findings, f => f.Rule.StartsWith("mtu.pod", StringComparison.Ordinal));
    }

    [Fact]
    public void A_route_MTU_above_its_device_MTU_is_too_large()
    {
        var facts = new SyntheticNode()
            .Nic("eth0", 1500)
            .Route("0.0.0.0/0", "10.0.0.254", "eth0", mtu: 9000)
            .Build();

        var finding = Assert.Single(Evaluate.Rule(facts, "mtu."));

        Assert.Equal(RouteMtuRule.TooLarge, finding.Rule);
        Assert.Equal("mtu 1500", finding.Proposed);
    }

    [Fact]
    public void A_VXLAN_stacked_on_WireGuard_is_sized_from_the_MTU_WireGuard_should_have()
    {
        // Given WireGuard left at the underlay's MTU, and VXLAN over it sized from that
        var facts = new SyntheticNode()
            .Nic("eth0", 1500)
            .Route("0.0.0.0/0", "10.0.0.254", "eth0")
            .Wireguard("wg0", 1500)
            .Vxlan("vxlan0", 1450, over: "wg0", local: "10.99.0.1")
            .Build();

        var findings = Evaluate.Rule(facts, "mtu.tunnel");

        Assert.Equal(["wg0", "vxlan0"], findings.Select(f => f.Subject.Name));
        Assert.Equal(["mtu 1420", "mtu 1370"], findings.Select(f => f.Proposed));
    }

    [Fact]
    public void A_path_whose_tunnel_is_not_here_is_refused()
    {
        var facts = new SyntheticNode().Nic("eth0", 1500).Build();

        var error = Assert.Throws<PerfSuiteException>(() => Evaluate.All(facts, new TuneOptions(Path: Datapath.Vxlan)));

        Assert.Equal(ErrorReason.NotFound, error.Reason);
        Assert.Equal("no vxlan device in network namespace 'host' (tunnel devices here: none)", error.Message);
    }

    [Fact]
    public void The_native_path_sizes_pods_by_the_underlay_even_beside_a_tunnel()
    {
        var facts = new SyntheticNode()
            .Nic("eth0", 1500)
            .Vxlan("flannel.1", 1450, over: "eth0")
            .Bridge("cni0", 1450)
            .Veth("veth1", 1450, peerElsewhere: true, master: "cni0")
            .Build();

        var pods = Evaluate.Rule(facts, "mtu.pod", new TuneOptions(Path: Datapath.Native));

        Assert.All(pods, p => Assert.Equal("mtu 1500", p.Proposed));
        Assert.Equal(2, pods.Count);
    }

    [Fact]
    public void Only_the_interfaces_asked_for_are_reported()
    {
        var facts = FlannelOnJumboFabric().Build();

        var findings = Evaluate.Rule(facts, "mtu.", new TuneOptions(Interfaces: ["cni0"]));

        Assert.Equal("cni0", Assert.Single(findings).Subject.Name);
    }

    [Fact]
    public void A_proposal_never_exceeds_what_the_device_accepts()
    {
        // Given natively routed pods on a 9000-byte underlay, one pod end whose driver stops at 4000
        var facts = new SyntheticNode()
            .Nic("eth0", 9000)
            .Route("10.42.2.0/24", "198.18.0.2", "eth0")
            .Bridge("cni0", 1500)
            .Veth("veth0", 1500, master: "cni0").Veth("pod0", 1500, peer: "veth0", maxMtu: 4000)
            .Build();

        var findings = Evaluate.Rule(facts, "mtu.pod");

        Assert.Equal(["mtu 9000", "mtu 9000", "mtu 4000"], findings.Select(f => f.Proposed));
    }

    [Fact]
    public void A_lab_nodes_userspace_WireGuard_TUN_is_recognised_by_the_lab_namespace_it_lives_in()
    {
        // Given a lab node of the wireguard path: wireguard-go's TUN device, the lab's eth0 underlay, pods at 1500
        var facts = new SyntheticNode().InNamespace("ps-lab-wg-n1")
            .Veth("eth0", 1500, peerElsewhere: true)
            .Device("ps-lab-w1", "tun", 1500)
            .Bridge("cni0", 1440)
            .Veth("veth1", 1440, peerElsewhere: true, master: "cni0")
            .Build();

        // When
        var findings = Evaluate.Rule(facts, "mtu.");
        var topology = DatapathTopology.Detect(facts);

        // Then: the TUN is WireGuard over IPv4 (1500 − 60), too large at 1500; the pods are right at 1440
        Assert.Equal("eth0", topology.Underlay?.Name);
        var finding = Assert.Single(findings);
        Assert.Equal(TunnelMtuRule.TooLarge, finding.Rule);
        Assert.Equal("ps-lab-w1", finding.Subject.Name);
        Assert.Equal("mtu 1440", finding.Proposed);
    }
}
