using PerfSuite.Model.Datapaths;
using PerfSuite.Tune.Rules;
using PerfSuite.Tune.Tests.Support;

namespace PerfSuite.Tune.Tests.Rules;

/// <summary>
/// Every datapath in the catalogue (<see cref="Datapath.All"/>) is accepted by tune: a lab node of it, as the lab
/// builds it (namespace <c>ps-lab-CODE-n1</c>, eth0 underlay, its tunnel devices by link kind, pods at underlay −
/// overhead; its tunnel devices name their IPv4 underlay address, as the lab's do), yields a topology for
/// <c>--path NAME</c> whose tunnels are the datapath's, with the pod MTU the overhead implies and no MTU finding; and
/// every CNI device name a datapath lists is read as that datapath and that CNI.
/// </summary>
public sealed class DatapathCatalogueTopologyTests
{
    private const int Underlay = 1500;

    public static TheoryData<string> Datapaths() => new(Datapath.All.Select(d => d.Name));

    public static TheoryData<string, string> CniDevices() =>
        new(Datapath.All.SelectMany(d => d.CniDevices.Select(c => (d.Name, c.Name))));

    [Theory]
    [MemberData(nameof(Datapaths))]
    public void A_lab_node_of_every_datapath_is_accepted_with_its_pod_mtu_and_no_mtu_finding(string name)
    {
        // Given a lab node of the datapath, built right
        var datapath = Datapath.Parse(name);
        var facts = LabNode(datapath).Build();

        // When tune reads it for --path NAME
        var topology = DatapathTopology.Detect(facts, datapath);
        var findings = Evaluate.Rule(facts, "mtu.", new TuneOptions(Path: datapath));

        // Then the underlay is eth0, the pods are expected at underlay − overhead, every tunnel device belongs to
        // the datapath, and nothing is wrong
        Assert.Equal("eth0", topology.Underlay?.Name);
        Assert.Equal(datapath.PodMtu(Underlay), topology.ExpectedPodMtu);
        Assert.All(topology.Tunnels, t => Assert.True(datapath.IsCarriedBy(t.Datapath), $"{t.Name} is {t.Datapath.Name}"));
        Assert.Equal(TunnelLayers(datapath).Count, topology.Tunnels.Count);
        Assert.Empty(findings.Select(f => f.Id));
    }

    [Theory]
    [MemberData(nameof(CniDevices))]
    public void Every_cni_device_name_is_read_as_its_datapath_and_cni(string datapathName, string device)
    {
        // Given a node with that CNI device, of its datapath's link kind, at the MTU that fits
        var datapath = Datapath.Parse(datapathName);
        var cni = datapath.CniDevices.Single(c => c.Name == device);
        var facts = new SyntheticNode().Nic("eth0", Underlay).Route("0.0.0.0/0", "10.0.0.254", "eth0")
            .Device(device, datapath.LinkKind, datapath.PodMtu(Underlay, cni.Ipv6Outer == true)).Build();

        // When
        var topology = DatapathTopology.Detect(facts);

        // Then
        var tunnel = Assert.Single(topology.Tunnels);
        Assert.Equal((datapath, cni.Flavour), (tunnel.Datapath, tunnel.Flavour));
        Assert.Equal(cni.Flavour, topology.Flavour);
    }

    /// <summary>The datapaths whose tunnel devices a node of <paramref name="datapath"/> shows, underlay side first.</summary>
    private static List<Datapath> TunnelLayers(Datapath datapath) =>
        (datapath.Layers.Count > 0 ? datapath.Layers.Reverse() : [datapath]).Where(d => d.LinkKind is not null).ToList();

    private static SyntheticNode LabNode(Datapath datapath)
    {
        var node = new SyntheticNode().InNamespace($"ps-lab-{datapath.Code}-n1").Veth("eth0", Underlay, peerElsewhere: true);
        var (lower, lowerMtu) = ("eth0", Underlay);
        var layers = TunnelLayers(datapath);
        for (var i = 0; i < layers.Count; i++)
        {
            var (device, mtu) = ($"t{i}", lowerMtu - layers[i].OverheadIpv4);
            node = layers[i].LinkKind == "vxlan"
                ? node.Vxlan(device, mtu, over: lower, local: "198.18.0.1")
                : node.Device(device, layers[i].LinkKind, mtu, tunnelLocal: "198.18.0.1");
            (lower, lowerMtu) = (device, mtu);
        }
        if (datapath == Datapath.Host)
            return node;
        var podMtu = datapath.PodMtu(Underlay);
        return node.Bridge("cni0", podMtu).Veth("veth1", podMtu, peerElsewhere: true, master: "cni0");
    }
}
