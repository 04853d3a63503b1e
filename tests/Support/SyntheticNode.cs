using PerfSuite.Kernel.Sysfs;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Json;
using PerfSuite.Model.Probe;
using PerfSuite.Probe.Facts;

namespace PerfSuite.Tests.Support;

/// <summary>Builds the facts of an imaginary node, device by device, the way the probe and rtnetlink would report
/// them: feature sets as the kernel gives each device kind, veth peers, bridge ports, routes, sysctls.</summary>
public sealed class SyntheticNode
{
    private readonly List<InterfaceSnapshot> _interfaces = [];
    private readonly List<LinkFacts> _links = [];
    private readonly List<RouteFacts> _routes = [];
    private readonly List<SysctlFact> _sysctls = [];
    private readonly List<RpsQueueMask> _rps = [];
    private SoftnetCounters? _softnet;
    private int _cpus = 2;
    private string? _netns;
    private string _kernel = "6.18.44";

    public static IReadOnlyList<FeatureState> VethFeatures(bool gro = false, bool tso = true, bool txChecksum = true) =>
    [
        Feature("tx-scatter-gather", true, true),
        Feature("tx-checksum-ip-generic", true, txChecksum),
        Feature("rx-gro", true, gro),
        Feature("tx-tcp-segmentation", true, tso),
        Feature("tx-udp_tnl-segmentation", true, true),
        Feature("tx-udp_tnl-csum-segmentation", true, true),
        Feature("rx-gro-hw", false, false),
        Feature("rx-udp-gro-forwarding", true, false),
    ];

    public static IReadOnlyList<FeatureState> VxlanFeatures(bool gro = true, bool txChecksum = true) =>
    [
        Feature("tx-scatter-gather", true, true),
        Feature("tx-checksum-ip-generic", true, txChecksum),
        Feature("rx-gro", true, gro),
        Feature("tx-udp_tnl-segmentation", false, false),
        Feature("tx-udp_tnl-csum-segmentation", false, false),
        Feature("rx-gro-hw", false, false),
        Feature("rx-udp-gro-forwarding", true, false),
    ];

    /// <summary>A NIC like mlx5 or ice: hardware GRO and tunnel segmentation changeable.</summary>
    public static IReadOnlyList<FeatureState> NicFeatures(bool gro = true, bool groHw = false, bool tunnelSegmentation = true,
        bool tso = true, bool txChecksum = true) =>
    [
        Feature("tx-scatter-gather", true, true),
        Feature("tx-checksum-ip-generic", true, txChecksum),
        Feature("tx-tcp-segmentation", true, tso),
        Feature("rx-gro", true, gro),
        Feature("tx-udp_tnl-segmentation", true, tunnelSegmentation),
        Feature("tx-udp_tnl-csum-segmentation", true, tunnelSegmentation),
        Feature("rx-gro-hw", true, groHw),
        Feature("rx-udp-gro-forwarding", true, false),
    ];

    public static FeatureState Feature(string name, bool available, bool active) => new(name, available, active, active, false);

    /// <summary>A lab node of <paramref name="datapath"/> as the lab builds it: namespace <c>ps-lab-CODE-n1</c>, an
    /// eth0 underlay veth at <paramref name="underlayMtu"/>, its tunnel devices by link kind (underlay side first,
    /// each naming its IPv4 underlay address, as the lab's do) at the MTU that fits, and pods on cni0 at underlay −
    /// overhead.</summary>
    public static SyntheticNode LabNode(Datapath datapath, int underlayMtu = 1500)
    {
        var node = new SyntheticNode().InNamespace($"ps-lab-{datapath.Code}-n1").Veth("eth0", underlayMtu, peerElsewhere: true);
        var (lower, lowerMtu) = ("eth0", underlayMtu);
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
        var podMtu = datapath.PodMtu(underlayMtu);
        return node.Bridge("cni0", podMtu).Veth("veth1", podMtu, peerElsewhere: true, master: "cni0");
    }

    /// <summary>The datapaths whose tunnel devices a node of <paramref name="datapath"/> shows, underlay side first.</summary>
    public static List<Datapath> TunnelLayers(Datapath datapath) =>
        (datapath.Layers.Count > 0 ? datapath.Layers.Reverse() : [datapath]).Where(d => d.LinkKind is not null).ToList();

    public SyntheticNode InNamespace(string netns)
    {
        _netns = netns;
        return this;
    }

    public SyntheticNode Kernel(string release)
    {
        _kernel = release;
        return this;
    }

    public SyntheticNode Cpus(int count)
    {
        _cpus = count;
        return this;
    }

    public SyntheticNode Nic(string name, int mtu, string driver = "mlx5_core", IReadOnlyList<FeatureState>? features = null,
        RingParams? rings = null, ChannelParams? channels = null, CoalesceParams? coalesce = null, uint? speedMbps = 25000,
        int rxQueues = 8)
    {
        var link = speedMbps is { } s ? new LinkSettings(s, "Full", "FIBRE", false, 0, "internal", [], [], [], true) : null;
        return Add(name, null, mtu, features ?? NicFeatures(), new DriverInfo(driver, "1.0", "fw", "0000:03:00.0", "", 0, 0, 0, 0, 0),
            link, rings, channels, coalesce, null, null, rxQueues: rxQueues, maxMtu: 9216);
    }

    /// <summary>A veth; <paramref name="peer"/> names its other end in this namespace, or null with
    /// <paramref name="peerElsewhere"/> for one whose peer lives in another namespace.</summary>
    public SyntheticNode Veth(string name, int mtu, string? peer = null, bool peerElsewhere = false, string? master = null,
        bool gro = false, ChannelParams? channels = null, int maxMtu = 65535, bool tso = true, bool txChecksum = true)
    {
        Add(name, "veth", mtu, VethFeatures(gro, tso, txChecksum), new DriverInfo("veth", "1.0", "", "", "", 0, 0, 0, 0, 0), null, null,
            channels ?? new ChannelParams(2, 2, 0, 0, 1, 1, 0, 0), null, null, master, peerElsewhere: peerElsewhere, maxMtu: maxMtu);
        if (peer is not null)
        {
            var index = _interfaces[^1].Index;
            var other = _interfaces.FindIndex(i => i.Name == peer);
            if (other >= 0)
            {
                _links[^1] = _links[^1] with { PeerIndex = _interfaces[other].Index };
                _links[other] = _links[other] with { PeerIndex = index };
            }
        }
        return this;
    }

    public SyntheticNode Bridge(string name, int mtu) =>
        Add(name, "bridge", mtu, VxlanFeatures(), null, null, null, null, null, null, null, maxMtu: 65535);

    public SyntheticNode Vxlan(string name, int mtu, string? over, string? local = "10.0.0.1", bool gro = true, bool txChecksum = true) =>
        Add(name, "vxlan", mtu, VxlanFeatures(gro, txChecksum), new DriverInfo("vxlan", "0.1", "", "", "", 0, 0, 0, 0, 0), null, null, null, null,
            new TunnelInfo("vxlan", 1, 8472, local, null, over, false), null, maxMtu: 65535);

    public SyntheticNode Ipip(string name, int mtu) =>
        Add(name, "ipip", mtu, VxlanFeatures(), null, null, null, null, null, new TunnelInfo("ipip", null, null, null, null, null, null), null, maxMtu: 65515);

    public SyntheticNode Wireguard(string name, int mtu) =>
        Add(name, "wireguard", mtu, VxlanFeatures(), null, null, null, null, null, new TunnelInfo("wireguard", null, null, null, null, null, null), null, maxMtu: 65515);

    public SyntheticNode Device(string name, string? kind, int mtu, string? tunnelLocal = null) =>
        Add(name, kind, mtu, VxlanFeatures(), null, null, null, null, null,
            tunnelLocal is null ? null : new TunnelInfo(kind!, null, null, tunnelLocal, null, null, null), null, maxMtu: 65535);

    public SyntheticNode Route(string destination, string? via, string? dev, int? mtu = null)
    {
        _routes.Add(new RouteFacts(destination, via, dev, mtu, RouteFacts.MainTable));
        return this;
    }

    public SyntheticNode Sysctl(string key, string? value, bool writable = true, SysctlScope scope = SysctlScope.Namespace)
    {
        _sysctls.Add(new SysctlFact(key, value, writable, scope));
        return this;
    }

    public SyntheticNode Rps(string iface, string queue, string mask)
    {
        _rps.Add(new RpsQueueMask(iface, queue, mask));
        return this;
    }

    public SyntheticNode Softnet(long processed, long dropped)
    {
        _softnet = new SoftnetCounters(processed, dropped, 0);
        return this;
    }

    public NetworkFacts Build() =>
        new(new ProbeDocument(Schemas.Probe, "node-a", _kernel, _netns, DateTimeOffset.UnixEpoch, _interfaces.ToList()),
            _links.ToList(), _routes.ToList(), _sysctls.ToList(), _rps.ToList(), _softnet, _cpus);

    private SyntheticNode Add(string name, string? kind, int mtu, IReadOnlyList<FeatureState> features, DriverInfo? driver,
        LinkSettings? link, RingParams? rings, ChannelParams? channels, CoalesceParams? coalesce, TunnelInfo? tunnel,
        string? master, bool peerElsewhere = false, int rxQueues = 1, int? maxMtu = null)
    {
        var index = _interfaces.Count + 2;
        _interfaces.Add(new InterfaceSnapshot(name, index, kind, mtu, "UP", master, "02:00:00:00:00:01", rxQueues, rxQueues, driver,
            features, link, rings, channels, coalesce, tunnel, []));
        _links.Add(new LinkFacts(name, 68, maxMtu, null, peerElsewhere));
        return this;
    }
}
