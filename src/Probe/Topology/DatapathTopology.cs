using System.Net;
using System.Net.Sockets;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Probe;
using PerfSuite.Probe.Facts;

namespace PerfSuite.Probe.Topology;

/// <summary>
/// The pod network as one namespace shows it: the underlay device, the tunnel devices of every datapath found
/// (the CNI device names each <see cref="Datapath.CniDevices"/> lists: Flannel <c>flannel.1</c>, Calico
/// <c>vxlan.calico</c>/<c>tunl0</c>/<c>wireguard.cali</c>, Cilium <c>cilium_vxlan</c>/<c>cilium_geneve</c>/<c>cilium_wg0</c>;
/// any <c>wg*</c>; and devices of a datapath's <see cref="Datapath.LinkKind"/>, which covers the lab's), the devices pods use, and the pod MTU all of that implies. Pure: built from
/// <see cref="NetworkFacts"/> alone.
/// </summary>
public sealed record DatapathTopology(
    InterfaceSnapshot? Underlay,
    string UnderlayEvidence,
    IReadOnlyList<TunnelDevice> Tunnels,
    IReadOnlyList<PodDevice> PodDevices,
    CniFlavour Flavour,
    Datapath? Path,
    int? ExpectedPodMtu,
    string ExpectedPodMtuEvidence)
{
    public bool IsTunnel(string name) => Tunnels.Any(t => t.Name == name);

    /// <summary>Devices the offload and queue rules look at: the underlay (where the wire's packets arrive) and
    /// every physical NIC.</summary>
    public IEnumerable<InterfaceSnapshot> WireDevices(NetworkFacts facts) =>
        facts.Probe.Interfaces.Where(i => i.Name == Underlay?.Name || IsPhysical(i));

    public static bool IsPhysical(InterfaceSnapshot i) => i.Driver is { BusInfo.Length: > 0 } && i.Kind is null;

    /// <summary>Reads the topology out of <paramref name="facts"/>. <paramref name="path"/>, when given, is the
    /// datapath whose overhead the pods' MTU should reflect; a tunnelled one must have its device here.</summary>
    public static DatapathTopology Detect(NetworkFacts facts, Datapath? path = null)
    {
        var interfaces = facts.Probe.Interfaces;
        var byName = interfaces.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var labPath = LabPathOf(facts.Probe.Netns);
        var candidates = interfaces
            .Select(i => (Interface: i, Class: Classify(i, labPath)))
            .Where(c => c.Class is not null)
            .ToList();
        var (underlay, evidence) = FindUnderlay(facts, candidates.Select(c => c.Interface.Name).ToHashSet(StringComparer.Ordinal), labPath);

        var tunnels = new List<TunnelDevice>();
        var tunnelNames = candidates.Select(c => c.Interface.Name).ToHashSet(StringComparer.Ordinal);
        // Tunnels over the underlay first, then tunnels stacked on them (VXLAN over WireGuard), which are sized
        // from the MTU their lower tunnel should have, not the one it has.
        foreach (var (device, cls) in candidates.OrderBy(c => c.Interface.Tunnel?.UnderlayDevice is { } l && tunnelNames.Contains(l) ? 1 : 0))
        {
            var (kind, deviceFlavour, ipv6) = cls!.Value;
            var datapath = Datapath.All.First(d => d.Kind == kind);
            var lowerName = device.Tunnel?.UnderlayDevice is { } lower && byName.ContainsKey(lower) ? lower : underlay?.Name;
            if (lowerName is null)
                continue;
            var lowerMtu = tunnels.FirstOrDefault(t => t.Name == lowerName)?.Proposed ?? byName[lowerName].Mtu;
            ipv6 ??= OuterIsIpv6(device);
            int min, max;
            if (ipv6 is { } v6)
                min = max = lowerMtu - (v6 ? datapath.OverheadIpv6 : datapath.OverheadIpv4);
            else
                (min, max) = (lowerMtu - datapath.OverheadIpv6, lowerMtu - datapath.OverheadIpv4);
            tunnels.Add(new TunnelDevice(device.Name, datapath, deviceFlavour, device.Mtu, lowerName, lowerMtu, ipv6, min, max));
        }

        var flavour = DetectFlavour(interfaces, tunnels);
        var pods = FindPodDevices(facts, underlay, tunnels, flavour);

        if (path is not null && path.OverheadIpv4 > 0 && !tunnels.Any(t => path.IsCarriedBy(t.Datapath)))
            throw new PerfSuiteException(ErrorReason.NotFound,
                $"no {path.Name} device in network namespace '{facts.Probe.Netns ?? "host"}' (tunnel devices here: {(tunnels.Count == 0 ? "none" : string.Join(", ", tunnels.Select(t => $"{t.Name} ({t.Datapath.Name})")))})");
        var (expected, expectedEvidence) = PodMtuFor(underlay, tunnels, flavour, path);
        return new DatapathTopology(underlay, evidence, tunnels, pods, flavour, path, expected, expectedEvidence);
    }

    /// <summary>The datapath of a lab node namespace (<c>ps-LAB-CODE-nN</c>, <see cref="LabNaming"/>), whose
    /// userspace tunnels (wireguard-go, PerfSuite's IPIP encapsulator) are TUN devices with host-unique names.</summary>
    private static Datapath? LabPathOf(string? netns) =>
        netns is not null && LabNaming.TryParseNodeNamespace(netns, out _, out var path, out _) ? path : null;

    private static (DatapathKind Kind, CniFlavour Flavour, bool? Ipv6)? Classify(InterfaceSnapshot i, Datapath? labPath)
    {
        if (Datapath.OfCniDevice(i.Name) is var (known, device))
            return (known.Kind, device.Flavour, device.Ipv6Outer);
        if (i.Name.StartsWith("wg", StringComparison.Ordinal) && i.Kind is "wireguard" or "tun")
            return (DatapathKind.Wireguard, CniFlavour.Unknown, null);
        if (i.Kind == "tun" && labPath?.Kind is DatapathKind.Ipip)
            return (DatapathKind.Ipip, CniFlavour.Unknown, false);
        if (i.Kind == "tun" && labPath?.Kind is DatapathKind.Wireguard or DatapathKind.VxlanWireguard)
            return (DatapathKind.Wireguard, CniFlavour.Unknown, false);
        return Datapath.OfLinkKind(i.Kind) is { } ofKind
            // An ipip device carries IPv4 only (ip6tnl is IPv6's); the others say so in their local or remote address.
            ? (ofKind.Kind, CniFlavour.Unknown, ofKind.LinkKind == "ipip" ? false : null)
            : null;
    }

    private static bool? OuterIsIpv6(InterfaceSnapshot device)
    {
        var address = device.Tunnel?.Local ?? device.Tunnel?.Remote;
        if (address is null || !IPAddress.TryParse(address, out var parsed))
            return null;
        return parsed.AddressFamily == AddressFamily.InterNetworkV6;
    }

    /// <summary>The underlay is, in order of evidence: the lower device a tunnel names, the device of the default
    /// route, a device routes reach a gateway through (native routing), a lab node's eth0, the only physical NIC.</summary>
    private static (InterfaceSnapshot?, string) FindUnderlay(NetworkFacts facts, HashSet<string> tunnelNames, Datapath? labPath)
    {
        var byName = facts.Probe.Interfaces.ToDictionary(i => i.Name, StringComparer.Ordinal);
        bool Eligible(string? name) => name is not null && byName.ContainsKey(name) && !tunnelNames.Contains(name)
            && byName[name].Kind is not ("bridge" or "loopback") && Datapath.OfLinkKind(byName[name].Kind) is null;

        foreach (var tunnel in facts.Probe.Interfaces.Where(i => tunnelNames.Contains(i.Name)))
        {
            if (tunnel.Tunnel?.UnderlayDevice is { } lower && Eligible(lower))
                return (byName[lower], $"the lower device of {tunnel.Name}");
        }
        var defaultRoute = facts.Routes.FirstOrDefault(r => r.IsDefault && r.Table == RouteFacts.MainTable && Eligible(r.Device));
        if (defaultRoute is not null)
            return (byName[defaultRoute.Device!], "the device of the default route");
        var viaGateway = facts.Routes
            .Where(r => r.Gateway is not null && r.Table == RouteFacts.MainTable && Eligible(r.Device))
            .Select(r => r.Device!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (viaGateway.Count == 1)
            return (byName[viaGateway[0]], "the device routes reach their gateways through");
        if (labPath is not null && Eligible(LabNaming.UnderlayDevice))
            return (byName[LabNaming.UnderlayDevice], "the underlay of this PerfSuite lab node");
        var physical = facts.Probe.Interfaces.Where(IsPhysical).ToList();
        if (physical.Count == 1)
            return (physical[0], "the only physical NIC");
        return (null, "no tunnel names a lower device, there is no default route, and no single physical NIC");
    }

    private static CniFlavour DetectFlavour(IReadOnlyList<InterfaceSnapshot> interfaces, List<TunnelDevice> tunnels)
    {
        var known = tunnels.Select(t => t.Flavour).FirstOrDefault(f => f != CniFlavour.Unknown);
        if (known != CniFlavour.Unknown)
            return known;
        if (interfaces.Any(i => i.Name.StartsWith("cilium_", StringComparison.Ordinal) || i.Name.StartsWith("lxc", StringComparison.Ordinal)))
            return CniFlavour.Cilium;
        if (interfaces.Any(i => i.Name.StartsWith("cali", StringComparison.Ordinal)))
            return CniFlavour.Calico;
        return CniFlavour.Unknown;
    }

    /// <summary>Pod-facing devices: veths whose peer is in another namespace (a pod's host side: Calico cali*,
    /// Cilium lxc*, the veths on Flannel's cni0), the bridges veths are enslaved to and their veth ports, and the
    /// same-namespace peers of those veths. The underlay and its own peer are never pod devices.</summary>
    private static List<PodDevice> FindPodDevices(NetworkFacts facts, InterfaceSnapshot? underlay, List<TunnelDevice> tunnels, CniFlavour flavour)
    {
        var interfaces = facts.Probe.Interfaces;
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        if (underlay is not null)
        {
            excluded.Add(underlay.Name);
            foreach (var i in interfaces)
            {
                if (facts.Link(i.Name)?.PeerIndex == underlay.Index || facts.Link(underlay.Name)?.PeerIndex == i.Index)
                    excluded.Add(i.Name);
            }
        }
        foreach (var t in tunnels)
            excluded.Add(t.Name);

        bool IsVeth(InterfaceSnapshot i) => i.Kind == "veth";
        var pods = new Dictionary<string, InterfaceSnapshot>(StringComparer.Ordinal);
        foreach (var i in interfaces.Where(i => IsVeth(i) && !excluded.Contains(i.Name)))
        {
            if (facts.Link(i.Name)?.PeerInOtherNamespace == true || i.Master is not null)
                pods[i.Name] = i;
        }
        if (flavour == CniFlavour.Cilium)
        {
            foreach (var i in interfaces.Where(i => i.Name is "cilium_host" or "cilium_net"))
                pods[i.Name] = i;
        }
        // Same-namespace peers of pod veths (a pod end built in the node's own namespace).
        foreach (var i in interfaces.Where(i => IsVeth(i) && !excluded.Contains(i.Name) && !pods.ContainsKey(i.Name)))
        {
            var peer = facts.Link(i.Name)?.PeerIndex;
            if (peer is { } index && pods.Values.Any(p => p.Index == index))
                pods[i.Name] = i;
        }
        var bridges = interfaces
            .Where(b => b.Kind == "bridge" && !excluded.Contains(b.Name)
                && pods.Values.Any(p => p.Master == b.Name)
                && !interfaces.Any(p => p.Master == b.Name && excluded.Contains(p.Name)))
            .ToList();

        bool CrossNamespace(InterfaceSnapshot i) => facts.Link(i.Name)?.PeerInOtherNamespace == true;
        var result = new List<PodDevice>();
        foreach (var bridge in bridges)
        {
            var changeable = !pods.Values.Any(p => p.Master == bridge.Name && CrossNamespace(p));
            result.Add(new PodDevice(bridge.Name, bridge.Mtu, IsBridge: true, changeable));
        }
        foreach (var pod in pods.Values.OrderBy(p => p.Index))
            result.Add(new PodDevice(pod.Name, pod.Mtu, IsBridge: false, !CrossNamespace(pod)));
        return result;
    }

    private static (int?, string) PodMtuFor(InterfaceSnapshot? underlay, List<TunnelDevice> tunnels, CniFlavour flavour, Datapath? path)
    {
        if (underlay is null)
            return (null, "the underlay is unknown");
        if (path is not null && path.OverheadIpv4 == 0)
            return (underlay.Mtu, $"{path.Name} adds no encapsulation: pods get the underlay MTU of {underlay.Name}, {underlay.Mtu}");
        var relevant = path is null ? tunnels : tunnels.Where(t => path.IsCarriedBy(t.Datapath)).ToList();
        if (relevant.Count == 0)
            return (underlay.Mtu, $"no tunnel device: pods are routed natively and get the underlay MTU of {underlay.Name}, {underlay.Mtu}");
        if (flavour == CniFlavour.Cilium)
            return (underlay.Mtu, $"Cilium keeps pod devices at the underlay MTU of {underlay.Name}, {underlay.Mtu}, and puts the tunnel's lower MTU on routes");
        var smallest = relevant.MinBy(t => t.Proposed)!;
        return (smallest.Proposed,
            $"pods send through {smallest.Name} ({smallest.Datapath.Name}): {smallest.UnderlayName} MTU {smallest.UnderlayMtu} − {smallest.UnderlayMtu - smallest.Proposed} = {smallest.Proposed}");
    }
}
