using PerfSuite.Model.Datapaths;
using PerfSuite.Probe.Facts;
using PerfSuite.Probe.Topology;

namespace PerfSuite.Probe.Tests.Topology;

/// <summary>The MTU audit <c>perfsuite probe --audit</c> reports and tune's MTU rules turn into findings: each kind of
/// mistake on a synthetic node, none on a node built right, the --iface filter, and on a real namespace built wrong
/// with <c>ip</c> (<see cref="MisconfiguredNode"/>: pods at 1500 behind a 1450 flannel.1).</summary>
public sealed class MtuAuditTests
{
    [Fact]
    public void A_tunnel_at_the_underlay_mtu_is_too_large_by_the_encapsulation()
    {
        var facts = new SyntheticNode().Nic("eth0", 1500).Route("0.0.0.0/0", "10.0.0.254", "eth0")
            .Vxlan("flannel.1", 1500, over: "eth0").Build();

        var mistake = Assert.Single(MtuAudit.All(facts, DatapathTopology.Detect(facts)));

        Assert.Equal((MtuMistakeKind.TunnelTooLarge, "mtu.tunnel-too-large", "flannel.1", 1500, 1450),
            (mistake.Kind, mistake.Rule, mistake.Device, mistake.Mtu, mistake.Proposed));
        Assert.Contains("1550-byte outer packets", mistake.Why);
    }

    [Fact]
    public void Pods_smaller_than_the_tunnel_carries_are_too_small()
    {
        var facts = new SyntheticNode().Nic("eth0", 9000).Route("0.0.0.0/0", "10.0.0.254", "eth0")
            .Vxlan("flannel.1", 8950, over: "eth0").Bridge("cni0", 1450).Veth("veth1", 1450, peerElsewhere: true, master: "cni0").Build();

        var mistakes = MtuAudit.All(facts, DatapathTopology.Detect(facts));

        Assert.Equal([("cni0", MtuMistakeKind.PodTooSmall, 8950), ("veth1", MtuMistakeKind.PodTooSmall, 8950)],
            mistakes.Select(m => (m.Device, m.Kind, m.Proposed)));
    }

    [Fact]
    public void A_route_mtu_above_its_device_is_too_large()
    {
        var facts = new SyntheticNode().Nic("eth0", 1500).Route("0.0.0.0/0", "10.0.0.254", "eth0")
            .Route("10.42.1.0/24", "10.0.0.2", "eth0", mtu: 9000).Build();

        var mistake = Assert.Single(MtuAudit.All(facts, DatapathTopology.Detect(facts)));

        Assert.Equal((MtuMistakeKind.RouteTooLarge, "10.42.1.0/24", 1500), (mistake.Kind, mistake.Route?.Destination, mistake.Proposed));
    }

    [Theory]
    [MemberData(nameof(Datapaths))]
    public void A_lab_node_of_every_datapath_built_right_has_no_mistake(string name)
    {
        var facts = SyntheticNode.LabNode(Datapath.Parse(name)).Build();

        Assert.Empty(MtuAudit.All(facts, DatapathTopology.Detect(facts)));
    }

    public static TheoryData<string> Datapaths() => new(Datapath.All.Select(d => d.Name));

    [Fact]
    public void The_report_names_the_topology_and_keeps_only_the_mistakes_on_the_interfaces_asked_for()
    {
        var facts = new SyntheticNode().Nic("eth0", 1500).Route("0.0.0.0/0", "10.0.0.254", "eth0")
            .Vxlan("flannel.1", 1500, over: "eth0").Bridge("cni0", 1500).Veth("veth1", 1500, peerElsewhere: true, master: "cni0").Build();

        var all = MtuAudit.Report(facts, []);
        var one = MtuAudit.Report(facts, ["cni0"]);

        Assert.Equal(("eth0", "flannel", 1450), (all.Underlay, all.Cni, all.ExpectedPodMtu));
        var tunnel = Assert.Single(all.Tunnels);
        Assert.Equal(("flannel.1", "vxlan", 1500, 1450, 1450), (tunnel.Name, tunnel.Datapath, tunnel.Mtu, tunnel.FitsMin, tunnel.FitsMax));
        Assert.Equal(["flannel.1", "cni0", "veth1"], all.Mistakes.Select(m => m.Device));
        Assert.Equal(["mtu.pod-too-large"], one.Mistakes.Select(m => m.Kind));
    }

    [Fact]
    public void A_namespace_built_wrong_shows_its_pod_mtu_mistakes_and_no_tunnel_mistake()
    {
        using var node = new MisconfiguredNode();

        var audit = MtuAudit.Report(NetworkFactsCollector.Collect(node.Name), []);

        Assert.Equal(("ul0", "flannel", 1450), (audit.Underlay, audit.Cni, audit.ExpectedPodMtu));
        Assert.Equal(("flannel.1", 1450), (audit.Tunnels.Single().Name, audit.Tunnels.Single().Mtu));
        Assert.Contains(audit.Mistakes, m => (m.Kind, m.Device, m.Mtu, m.Fits) == ("mtu.pod-too-large", "cni0", 1500, 1450));
        Assert.DoesNotContain(audit.Mistakes, m => m.Kind.StartsWith("mtu.tunnel", StringComparison.Ordinal));
    }
}
