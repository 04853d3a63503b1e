using PerfSuite.Model.Datapaths;
using PerfSuite.Probe.Topology;

namespace PerfSuite.Probe.Tests.Topology;

/// <summary>
/// Every datapath in the catalogue (<see cref="Datapath.All"/>) is recognised: a lab node of it, as the lab builds
/// it (<see cref="SyntheticNode.LabNode"/>), yields a topology for that datapath whose tunnels are the datapath's,
/// with the pod MTU the overhead implies; and every CNI device name a datapath lists is read as that datapath and
/// that CNI.
/// </summary>
public sealed class DatapathCatalogueTopologyTests
{
    private const int Underlay = 1500;

    public static TheoryData<string> Datapaths() => new(Datapath.All.Select(d => d.Name));

    public static TheoryData<string, string> CniDevices() =>
        new(Datapath.All.SelectMany(d => d.CniDevices.Select(c => (d.Name, c.Name))));

    [Theory]
    [MemberData(nameof(Datapaths))]
    public void A_lab_node_of_every_datapath_is_read_with_its_tunnels_and_pod_mtu(string name)
    {
        // Given a lab node of the datapath, built right
        var datapath = Datapath.Parse(name);
        var facts = SyntheticNode.LabNode(datapath, Underlay).Build();

        // When the topology is read for that datapath
        var topology = DatapathTopology.Detect(facts, datapath);

        // Then the underlay is eth0, the pods are expected at underlay − overhead, and every tunnel device belongs
        // to the datapath
        Assert.Equal("eth0", topology.Underlay?.Name);
        Assert.Equal(datapath.PodMtu(Underlay), topology.ExpectedPodMtu);
        Assert.All(topology.Tunnels, t => Assert.True(datapath.IsCarriedBy(t.Datapath), $"{t.Name} is {t.Datapath.Name}"));
        Assert.Equal(SyntheticNode.TunnelLayers(datapath).Count, topology.Tunnels.Count);
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
}
