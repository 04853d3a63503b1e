using System.Net;
using PerfSuite.Kernel.Ethtool;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Netlink;
using PerfSuite.Kernel.Processes;
using PerfSuite.Lab.Datapaths;
using PerfSuite.Lab.Datapaths.Ipip;
using PerfSuite.Lab.Datapaths.Vxlan;
using PerfSuite.Lab.Datapaths.Wireguard;
using PerfSuite.Lab.Offloads;
using PerfSuite.Lab.State;
using PerfSuite.Lab.Tunnels;
using PerfSuite.Lab.Tunnels.Ipip;
using PerfSuite.Lab.Tunnels.Wireguard;
using PerfSuite.Lab.Verification;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;
using PerfSuite.Probe.Host;
using PerfSuite.Probe.Snapshots;
using LinkSettings = PerfSuite.Kernel.Netlink.LinkSettings;

namespace PerfSuite.Lab.Fleet;

/// <summary>
/// One host's part of a fleet run (docs/fleet.md): per datapath a node namespace whose underlay is a bridge-mode
/// macvlan of the NIC under test (so every underlay frame leaves through that NIC's transmit path, with its offloads),
/// a <c>cni0</c> bridge with one pod as in the lab, and the path's own devices, built by the lab's builders one node at
/// a time; and the NIC's offload profile. It is built in two steps because a host needs its peers' facts: 
/// <see cref="PrepareAsync"/> makes everything local and returns what peers need (<see cref="FleetNodeFacts"/>),
/// <see cref="ConnectAsync"/> adds the peers. Nothing is made in the host's own namespace except feature changes of the
/// NIC, and those are journaled (<see cref="FleetJournal"/>) before they are made; <see cref="EndAsync"/> undoes all of
/// it, and <see cref="Repair"/> does so for an agent that was killed. Not thread-safe: its owner serialises calls.
/// </summary>
public sealed class FleetSite(string agent, string? hostNetns, string? nic, FleetJournalStore journals, LabCleaner cleaner) : IAsyncDisposable
{
    private readonly Dictionary<Datapath, FleetHalf> _halves = [];
    private readonly Dictionary<string, bool> _original = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, bool> _profile = new Dictionary<string, bool>();
    private string? _lab;
    private int _host;
    private LabRecorder? _recorder;
    private NamespaceSessions? _sessions;
    private readonly string? _namedNic = nic;
    private string? _nic;

    public string Agent => agent;

    /// <summary>The NIC under test, in <see cref="HostNetns"/>: the one named at start, else the one the kernel routes
    /// the first peer through (known from <see cref="Begin"/> on).</summary>
    public string Nic => _nic ?? _namedNic ?? throw new PerfSuiteException(ErrorReason.InvalidArgument, "no NIC under test yet: none was named and no run has begun");

    public string? HostNetns => hostNetns;

    /// <summary>The lab this run builds (<c>ps-LAB-…</c>), null when none is under way.</summary>
    public string? Lab => _lab;

    /// <summary>The NIC's MTU now: the underlay MTU of every path this host builds.</summary>
    public int NicMtu()
    {
        using var client = RtnetlinkClient.Open(hostNetns);
        return client.GetLink(Nic).Mtu;
    }

    /// <summary>The NIC's <c>perfsuite/probe@1</c> snapshot: features, driver, rings, channels as they are now, with the
    /// devices under it (a VLAN's parent, a bond's ports: <see cref="TrafficRoute.Under"/>), whose link speed is the
    /// wire's and whose offloads shape its frames too.</summary>
    public ProbeDocument Snapshot()
    {
        IReadOnlyList<string> devices;
        using (var client = RtnetlinkClient.Open(hostNetns))
        {
            var links = client.Links();
            devices = links.FirstOrDefault(l => l.Name == Nic) is { } nic ? TrafficRoute.Under(nic, links) : [Nic];
        }
        return InterfaceProber.Probe(hostNetns, devices);
    }

    /// <summary>The names of every link in <see cref="HostNetns"/>: a CNI's tunnel devices (<c>flannel.1</c>,
    /// <c>vxlan.calico</c>, <c>cilium_geneve</c>) tell a Kubernetes run which pod network the node has.</summary>
    public IReadOnlyList<string> Devices()
    {
        using var client = RtnetlinkClient.Open(hostNetns);
        return [.. client.Links().Select(l => l.Name)];
    }

    /// <summary>Undoes what a killed agent of this name left, from its journal: its lab's processes and namespaces, then
    /// the NIC's features as they were before. Returns what was repaired, null when there was nothing.</summary>
    public static string? Repair(FleetJournalStore journals, string agent, LabCleaner cleaner)
    {
        var journal = journals.Load(agent);
        if (journal is null)
            return null;
        RemoveUnderlays(journal.Lab);
        cleaner.Remove(journal.Lab);
        if (journal.OriginalFeatures.Count > 0)
        {
            using var ethtool = EthtoolClient.Open(journal.HostNetns);
            ethtool.SetFeatures(journal.Nic, journal.OriginalFeatures);
        }
        journals.Delete(agent);
        return journal.OriginalFeatures.Count == 0
            ? $"removed lab '{journal.Lab}'"
            : $"removed lab '{journal.Lab}' and restored {string.Join(", ", journal.OriginalFeatures.Select(f => $"{f.Key} {(f.Value ? "on" : "off")}"))} on {journal.Nic}";
    }

    /// <summary><c>lab clean</c>'s part for fleet agents: repairs (<see cref="Repair"/>) the journal of every agent that
    /// no longer runs, under the agent's claim (<see cref="FleetJournalStore.TryClaim"/>), so an agent starting meanwhile
    /// waits its turn; the journal of a running agent is left to it. One outcome per journal found.</summary>
    public static IReadOnlyList<FleetJournalOutcome> RepairAbandoned(FleetJournalStore journals, LabCleaner cleaner)
    {
        var outcomes = new List<FleetJournalOutcome>();
        foreach (var agent in journals.Agents())
        {
            using var claim = journals.TryClaim(agent);
            if (claim is null)
            {
                outcomes.Add(new FleetJournalOutcome(agent, journals.Load(agent)?.Lab, Repaired: null));
                continue;
            }
            var lab = journals.Load(agent)?.Lab;
            if (Repair(journals, agent, cleaner) is { } repaired)
                outcomes.Add(new FleetJournalOutcome(agent, lab, repaired));
        }
        return outcomes;
    }

    /// <summary>Deletes the macvlans of lab <paramref name="lab"/>'s node namespaces before the namespaces go: a
    /// namespace's devices are otherwise destroyed by the kernel's cleanup worker some time after the namespace is
    /// deleted, and the NIC keeps their MAC filters until then.</summary>
    private static void RemoveUnderlays(string lab)
    {
        var prefix = LabNaming.Prefix(lab);
        foreach (var netns in NetworkNamespace.List().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            try
            {
                using var client = RtnetlinkClient.Open(netns);
                if (client.Links().Any(l => l.Name == LabNaming.UnderlayDevice && l.Kind == "macvlan"))
                    client.DeleteLink(LabNaming.UnderlayDevice);
            }
            catch (PerfSuiteException)
            {
                // Gone meanwhile, or not ours to read: removing the namespace below takes its devices with it.
            }
        }
    }

    /// <summary>Starts a run as host <paramref name="host"/> of lab <paramref name="lab"/>: journal first, then the lab's
    /// state (so <c>lab clean</c> and <see cref="Repair"/> both find what follows). Without a NIC named at start, the NIC
    /// under test is the interface of the kernel's route to <paramref name="peer"/> (another host of the run).</summary>
    public void Begin(string lab, int host, IPAddress? peer)
    {
        if (_lab is not null)
            throw new PerfSuiteException(ErrorReason.Busy, $"this agent is already building lab '{_lab}'");
        LabNaming.Validate(lab);
        if (host is < 1 or > FleetAddressing.MaxHosts)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"host number {host} is outside 1..{FleetAddressing.MaxHosts}");
        _nic = _namedNic;
        if (_nic is null)
        {
            _nic = peer is null
                ? throw new PerfSuiteException(ErrorReason.InvalidArgument, "this agent was started without --nic, and the runner named no peer to find it by")
                : Probe.Host.TrafficRoute.To(peer, hostNetns).Interface;
        }
        _ = NicMtu();
        journals.Save(new FleetJournal(agent, lab, hostNetns, Nic, new Dictionary<string, bool>()));
        cleaner.Remove(lab);
        var state = LabState.Begin(new LabSpec(lab, [], NicMtu()), ProcessIdentity.Current);
        if (!cleaner.Store.TryCreate(state))
            throw new PerfSuiteException(ErrorReason.Busy, $"lab '{lab}' is being created by another process");
        _recorder = new LabRecorder(cleaner.Store, state);
        _sessions = new NamespaceSessions();
        (_lab, _host) = (lab, host);
    }

    /// <summary>Sets the NIC's features to <paramref name="changes"/> on top of how they were before the run (features of
    /// an earlier profile go back first), journaling each feature's first state before it changes, and applies the
    /// profile to the tunnel devices built from now on. Returns what the NIC ended as.</summary>
    public OffloadApplication ApplyOffloads(IReadOnlyDictionary<string, bool> changes)
    {
        RequireRun();
        using var ethtool = EthtoolClient.Open(hostNetns);
        var before = ethtool.GetFeatures(Nic);
        var wanted = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var feature in _profile.Keys.Where(f => !changes.ContainsKey(f) && _original.ContainsKey(f)))
            wanted[feature] = _original[feature];
        foreach (var (feature, on) in changes)
            wanted[feature] = on;
        foreach (var feature in wanted.Keys)
        {
            if (!_original.ContainsKey(feature) && before[feature] is { } state)
                _original[feature] = state.Active;
        }
        // Features the kernel may toggle as a consequence (a checksum takes TSO with it) are journaled too.
        foreach (var state in before.Features.Where(f => !f.Fixed && !_original.ContainsKey(f.Name)))
            _original[state.Name] = state.Active;
        journals.Save(new FleetJournal(agent, _lab!, hostNetns, Nic, new Dictionary<string, bool>(_original)));
        var applied = EthtoolOffloadApplier.Apply(hostNetns ?? NetworkNamespace.HostName, Nic, wanted, ethtool);
        _profile = changes;
        return applied with { Features = applied.Features.Where(f => changes.ContainsKey(f.Feature)).ToList() };
    }

    /// <summary>Builds this host's half of <paramref name="path"/> up to what peers must know, for a run with
    /// <paramref name="peerCount"/> other hosts. A path this host cannot build comes back skipped with the reason.</summary>
    public async Task<FleetNodeFacts> PrepareAsync(Datapath path, int peerCount, CancellationToken cancel)
    {
        RequireRun();
        if (peerCount is < 1 or >= FleetAddressing.MaxHosts)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"a path is built toward 1 to {FleetAddressing.MaxHosts - 1} other hosts, not {peerCount}");
        if (_halves.ContainsKey(path))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"{path.Name} is already built on this host");
        var mtu = NicMtu();
        var lab = _lab!;
        var node = new LabNode(_host, LabNaming.NodeNamespace(lab, path, _host), FleetAddressing.Underlay(path, _host),
            LabAddressing.PodCidr(_host), LabAddressing.Gateway(_host));
        var pod = new LabPod(_host, 1, LabNaming.PodNamespace(lab, path, _host, 1), LabAddressing.Pod(_host, 1), LabNaming.PodHostVeth(1));
        var cluster = new PathCluster(lab, path, new ClusterShape(1, 1), [node], [pod]);
        var choice = Choose(path);
        if (choice.Skip is { } skip)
            return Facts(path, node, pod, mtu) with { Status = FleetNodeFacts.Skipped, Reason = skip };
        _recorder!.AddNamespaces(cluster.Namespaces);
        var spec = new LabSpec(lab, [path], mtu);
        var half = new FleetHalf(cluster, choice.Impl, new LabResources(), spec);
        _halves[path] = half;
        var sessions = _sessions!;
        ClusterBuilder.Build(cluster, sessions, mtu, path.PodMtu(mtu), cancel);
        using (var host = RtnetlinkClient.Open(hostNetns))
            host.AddMacvlan(new LinkSettings(node.UnderlayDevice, mtu, Up: true), Nic, node.Namespace);
        var client = sessions[node.Namespace];
        client.AddAddress(node.UnderlayDevice, node.UnderlayAddress, FleetAddressing.UnderlayPrefixLength);
        var facts = Facts(path, node, pod, mtu) with { Impl = choice.Impl.ToString().ToLowerInvariant() };
        switch (path.Kind)
        {
            case DatapathKind.Vxlan:
                VxlanDatapathBuilder.AddDevice(client, _host, new VxlanUnderlay(node.UnderlayDevice, node.UnderlayAddress), path.PodMtu(mtu));
                half.Tunnels.Add(VxlanDatapathBuilder.Device);
                facts = facts with { TunnelMac = RtnetlinkClient.FormatMac(client.MacOf(VxlanDatapathBuilder.Device)) };
                break;
            case DatapathKind.VxlanWireguard:
                // The VTEP address lives on the WireGuard device made in ConnectAsync (it needs the peers' keys); a VXLAN
                // socket binds the wildcard, so the device can exist first and peers get its MAC now.
                client.AddVxlan(new LinkSettings(VxlanDatapathBuilder.Device, path.PodMtu(mtu), Up: false),
                    new VxlanSettings(VxlanDatapathBuilder.Vni, LabAddressing.WireguardUnderlay(_host), null, VxlanDatapathBuilder.Port, Learning: false));
                client.AddAddress(VxlanDatapathBuilder.Device, LabAddressing.TunnelAddress(_host), 32);
                half.KeyPair = X25519KeyPair.Generate();
                facts = facts with
                {
                    TunnelMac = RtnetlinkClient.FormatMac(client.MacOf(VxlanDatapathBuilder.Device)),
                    PublicKey = half.KeyPair.PublicKeyBase64,
                };
                break;
            case DatapathKind.Wireguard:
                half.KeyPair = X25519KeyPair.Generate();
                facts = facts with { PublicKey = half.KeyPair.PublicKeyBase64 };
                break;
            case DatapathKind.Ipip when choice.Impl == DatapathImplementation.Kernel:
                try
                {
                    client.AddIpip(new LinkSettings(KernelIpipDatapathBuilder.Device, path.PodMtu(mtu), Up: true));
                }
                catch (PerfSuiteException e) when (e.Reason == ErrorReason.Busy)
                {
                    client.SetLink(KernelIpipDatapathBuilder.Device, mtu: path.PodMtu(mtu), up: true);
                }
                client.AddAddress(KernelIpipDatapathBuilder.Device, LabAddressing.TunnelAddress(_host), 32);
                half.Tunnels.Add(KernelIpipDatapathBuilder.Device);
                break;
        }
        half.Facts = facts;
        return facts;
    }

    /// <summary>Adds <paramref name="peers"/> (the other hosts' ready halves of <paramref name="path"/>) to this host's:
    /// routes, neighbours, FDB entries, WireGuard peers, an IP-in-IP encapsulator; then the current offload profile on
    /// the path's tunnel devices.</summary>
    public async Task<IReadOnlyList<OffloadApplication>> ConnectAsync(Datapath path, IReadOnlyList<FleetNodeFacts> peers, CancellationToken cancel)
    {
        RequireRun();
        if (!_halves.TryGetValue(path, out var half))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"{path.Name} was not prepared on this host");
        if (peers.Any(p => p.Host == _host || p.Path != path.Name || !p.IsReady || p.UnderlayAddress is null))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"peers of {path.Name} must be other hosts' ready halves of it");
        var node = half.Cluster.Nodes[0];
        var client = _sessions![node.Namespace];
        var context = new DatapathBuildContext(half.Spec, half.Cluster, _sessions, _recorder!, half.Resources, cancel);
        var mtu = half.Spec.UnderlayMtu;
        switch (path.Kind)
        {
            case DatapathKind.Native:
                foreach (var peer in peers)
                    client.AddRoute(LabAddressing.PodCidr(peer.Host), Address(peer.UnderlayAddress), node.UnderlayDevice);
                break;
            case DatapathKind.Vxlan:
                foreach (var peer in peers)
                    VxlanDatapathBuilder.AddPeer(client, peer.Host, LabAddressing.PodCidr(peer.Host), Mac(peer), Address(peer.UnderlayAddress));
                break;
            case DatapathKind.Ipip:
                if (half.Impl == DatapathImplementation.Userspace)
                {
                    // One encapsulator for every peer, as one tunl0 carries them all: each peer's pod CIDR goes to
                    // its underlay address.
                    await UserspaceIpipDatapathBuilder.StartAsync(context, node, Address(peers[0].UnderlayAddress), PerfSuiteExecutable.Locate(),
                        [.. peers.Select(p => new IpipRoute(LabAddressing.PodCidr(p.Host), Address(p.UnderlayAddress)))]);
                    half.Tunnels.Add(UserspaceIpipDatapathBuilder.Device);
                }
                foreach (var peer in peers)
                    client.AddRoute(LabAddressing.PodCidr(peer.Host), Address(peer.UnderlayAddress), KernelIpipDatapathBuilder.Device, onLink: true);
                break;
            case DatapathKind.Wireguard:
                {
                    var device = await AddWireguardAsync(context, half, node, WireguardDatapathBuilder.DeviceNamePrefix, path.PodMtu(mtu),
                        new InterfaceAddress(LabAddressing.TunnelAddress(_host), 32), peers, p => [LabAddressing.PodCidr(p.Host)]);
                    foreach (var peer in peers)
                        client.AddRoute(LabAddressing.PodCidr(peer.Host), device: device);
                    break;
                }
            case DatapathKind.VxlanWireguard:
                {
                    await AddWireguardAsync(context, half, node, Datapaths.Stacked.VxlanWireguardDatapathBuilder.DeviceNamePrefix,
                        Datapath.Wireguard.PodMtu(mtu), new InterfaceAddress(LabAddressing.WireguardUnderlay(_host), LabAddressing.WireguardUnderlayPrefixLength),
                        peers, p => [new IPNetwork(LabAddressing.WireguardUnderlay(p.Host), 32)]);
                    client.SetLink(VxlanDatapathBuilder.Device, up: true);
                    half.Tunnels.Add(VxlanDatapathBuilder.Device);
                    foreach (var peer in peers)
                        VxlanDatapathBuilder.AddPeer(client, peer.Host, LabAddressing.PodCidr(peer.Host), Mac(peer), LabAddressing.WireguardUnderlay(peer.Host));
                    break;
                }
            default:
                throw new PerfSuiteException(ErrorReason.NotSupported, $"{path.Name} is not built across hosts");
        }
        half.Peers = peers;
        if (_profile.Count == 0)
            return [];
        var applier = new EthtoolOffloadApplier();
        return half.Tunnels.Select(t => applier.Apply(node.Namespace, t, _profile)).ToList();
    }

    /// <summary>Answers path verification probes (<see cref="UdpProbeResponder"/>) in this host's pod of the connected
    /// <paramref name="path"/> until the run ends; returns where a peer's <see cref="Verify"/> sends them.</summary>
    public IPEndPoint AnswerProbes(Datapath path)
    {
        var half = Connected(path);
        var pod = half.Cluster.Pods[0];
        half.Responder ??= UdpProbeResponder.Open(new LabEndpoint(pod.Namespace, pod.Address, pod.Device));
        return half.Responder.EndPoint;
    }

    /// <summary>Verifies the connected <paramref name="path"/> from this host's pod to the pod of peer
    /// <paramref name="receiver"/>, whose <see cref="AnswerProbes"/> listens on <paramref name="port"/>, as the lab verifies
    /// its paths: reachability, the encapsulation captured on this host's NIC under test as the probes leave through it
    /// (a macvlan's frames are handed to the NIC's own transmit, where an AF_PACKET socket on the NIC sees them), and the
    /// path MTU found with don't-fragment probes against the path's pod MTU. Probes go only to a connected peer's pod.</summary>
    public PathVerification Verify(Datapath path, int receiver, int port)
    {
        var half = Connected(path);
        if (port is < 1 or > 65535)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"probe port {port} is out of range");
        var peer = half.Peers.FirstOrDefault(p => p.Host == receiver)
            ?? throw new PerfSuiteException(ErrorReason.InvalidArgument, $"host {receiver} is not a connected peer of {path.Name} here");
        var (node, pod) = (half.Cluster.Nodes[0], half.Cluster.Pods[0]);
        var peerPod = Address(peer.PodAddress);
        int ifindex;
        using (var rtnetlink = RtnetlinkClient.Open(hostNetns))
            ifindex = rtnetlink.IndexOf(Nic);
        var tap = new UnderlayTap(hostNetns, Nic, ifindex, $"{Nic} of host {agent}",
            new UnderlayFrameClassifier(pod.Address, peerPod, node.UnderlayAddress, Address(peer.UnderlayAddress), path.Wire.UdpPort));
        using var probes = UdpProbeClient.Open(new LabEndpoint(pod.Namespace, pod.Address, pod.Device), new IPEndPoint(peerPod, port));
        return PathVerifier.Verify(probes, $"pod {pod.Address} of host {agent}", $"pod {peerPod} of host {peer.Host}", tap, path.Wire,
            path.PodMtu(half.Spec.UnderlayMtu));
    }

    /// <summary>Whether <paramref name="netns"/> is a pod this run built here: the only namespaces a runner may put
    /// traffic in.</summary>
    public bool OwnsPod(string netns) => _halves.Values.Any(h => h.Cluster.Pods.Any(p => p.Namespace == netns));

    /// <summary>The processes the path of pod <paramref name="netns"/> needs on this host (wireguard-go, the IPIP
    /// encapsulator, as recorded in its node namespace) and its devices here (node and pods: those up at the first test
    /// of this build of the path), to watch while a test runs in the pod; null for a namespace that is not one of this
    /// run's pods.</summary>
    public DatapathWatch? WatchOf(string netns)
    {
        if (_recorder is null || _halves.Values.FirstOrDefault(h => h.Cluster.Pods.Any(p => p.Namespace == netns)) is not { } half)
            return null;
        var nodes = half.Cluster.Nodes.Select(n => n.Namespace).ToHashSet(StringComparer.Ordinal);
        half.Devices ??= DatapathDevices.Snapshot(nodes.Concat(half.Cluster.Pods.Select(p => p.Namespace)));
        return new DatapathWatch(half.Cluster.Datapath.Name, _recorder.State.Processes.Where(p => nodes.Contains(p.Namespace)).ToList(),
            half.Devices);
    }

    /// <summary>The interface of this run's pod <paramref name="netns"/>, whose received packets show the stream of a
    /// test in it flowing; null for a namespace that is not one of this run's pods.</summary>
    public WatchedStream? StreamOf(string netns) =>
        _halves.Values.SelectMany(h => h.Cluster.Pods).FirstOrDefault(p => p.Namespace == netns) is { } pod
            ? new WatchedStream(pod.Namespace, pod.Device, $"pod {pod.Address} of host {agent}")
            : null;

    /// <summary>Whether <paramref name="address"/> is a connected peer's pod: the only addresses a runner may make this
    /// host's pods send to.</summary>
    public bool IsPeerPod(IPAddress address) =>
        _halves.Values.Any(h => h.Peers.Any(p => p.PodAddress is { } pod && IPAddress.Parse(pod).Equals(address)));

    /// <summary>Removes everything the run built and puts the NIC's features back, then forgets the journal. Safe to
    /// call when nothing is under way.</summary>
    public async Task EndAsync()
    {
        var lab = _lab;
        if (lab is null)
            return;
        try
        {
            foreach (var half in _halves.Values)
            {
                half.Responder?.Dispose();
                await half.Resources.DisposeAsync();
            }
            // The macvlans go first, synchronously: a namespace's devices are otherwise destroyed by the kernel's
            // cleanup worker some time after the namespace is deleted, and the NIC keeps their MAC filters until then.
            foreach (var half in _halves.Values)
            {
                try
                {
                    _sessions![half.Cluster.Nodes[0].Namespace].DeleteLink(LabNaming.UnderlayDevice);
                }
                catch (PerfSuiteException)
                {
                    // Never made, or already gone with its namespace: the cleaner below removes what is left.
                }
            }
            _sessions?.Dispose();
            cleaner.Remove(lab);
            if (_original.Count > 0)
            {
                using var ethtool = EthtoolClient.Open(hostNetns);
                ethtool.SetFeatures(Nic, _original);
            }
            journals.Delete(agent);
        }
        finally
        {
            _halves.Clear();
            _original.Clear();
            _profile = new Dictionary<string, bool>();
            (_lab, _host, _recorder, _sessions) = (null, 0, null, null);
            _nic = null;
        }
    }

    public ValueTask DisposeAsync() => new(EndAsync());

    private static async Task<string> AddWireguardAsync(DatapathBuildContext context, FleetHalf half, LabNode node, string prefix, int mtu,
        InterfaceAddress address, IReadOnlyList<FleetNodeFacts> peers, Func<FleetNodeFacts, IReadOnlyList<IPNetwork>> allowedIps)
    {
        // The lab name carries the host number already, which keeps the name within IFNAMSIZ for any host.
        var name = context.HostUniqueInterface(prefix);
        var configured = peers.Select(p => new WireguardPeer(p.PublicKey ?? throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"host {p.Host} sent no WireGuard public key"),
            new IPEndPoint(Address(p.UnderlayAddress), WireguardMesh.ListenPort), allowedIps(p))).ToList();
        IWireguardImplementation implementation = half.Impl == DatapathImplementation.Kernel
            ? KernelWireguardImplementation.Instance
            : WireguardGoImplementation.Instance;
        await implementation.CreateAsync(context, node, new WireguardDeviceSpec(name, half.KeyPair!, WireguardMesh.ListenPort, configured, mtu, address));
        half.Tunnels.Add(name);
        return name;
    }

    /// <summary>How this host builds <paramref name="path"/>: kernel where it has the module, else the lab's userspace
    /// implementation, else the reason it cannot.</summary>
    private static (DatapathImplementation Impl, string? Skip) Choose(Datapath path)
    {
        switch (path.Kind)
        {
            case DatapathKind.Native or DatapathKind.Vxlan:
                return (DatapathImplementation.Kernel, null);
            case DatapathKind.Ipip:
                {
                    var capabilities = TunnelCapabilities.Detect();
                    if (capabilities.KernelIpip.Available)
                        return (DatapathImplementation.Kernel, null);
                    return capabilities.TunDevice.Available
                        ? (DatapathImplementation.Userspace, null)
                        : (DatapathImplementation.Kernel, capabilities.Ipip.Reason);
                }
            case DatapathKind.Wireguard or DatapathKind.VxlanWireguard:
                {
                    var choice = TunnelCapabilities.Detect().Wireguard;
                    return (choice.Implementation ?? DatapathImplementation.Kernel, choice.CanBuild ? null : choice.Reason);
                }
            default:
                return (DatapathImplementation.Kernel,
                    $"{path.Name} is not built across hosts (a fleet builds native, vxlan, ipip, wireguard and vxlan+wireguard)");
        }
    }

    private FleetNodeFacts Facts(Datapath path, LabNode node, LabPod pod, int mtu) => new()
    {
        Host = _host,
        Path = path.Name,
        Status = FleetNodeFacts.Ready,
        UnderlayAddress = node.UnderlayAddress.ToString(),
        PodNamespace = pod.Namespace,
        PodAddress = pod.Address.ToString(),
        PodMtu = path.PodMtu(mtu),
    };

    private FleetHalf Connected(Datapath path)
    {
        RequireRun();
        return _halves.TryGetValue(path, out var half) && half.Peers.Count > 0
            ? half
            : throw new PerfSuiteException(ErrorReason.InvalidArgument, $"{path.Name} is not connected on this host (lab-connect first)");
    }

    private void RequireRun()
    {
        if (_lab is null)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, "no fleet run is under way on this agent (lab-begin first)");
    }

    private static IPAddress Address(string? text) =>
        IPAddress.TryParse(text, out var address)
            ? address
            : throw new PerfSuiteException(ErrorReason.InvalidArgument, $"'{text}' is not an IP address");

    private static System.Net.NetworkInformation.PhysicalAddress Mac(FleetNodeFacts peer) =>
        peer.TunnelMac is { } mac && System.Net.NetworkInformation.PhysicalAddress.TryParse(mac, out var parsed)
            ? parsed
            : throw new PerfSuiteException(ErrorReason.InvalidArgument, $"host {peer.Host} sent no usable VXLAN MAC ('{peer.TunnelMac}')");

    /// <summary>One path's half on this host.</summary>
    private sealed class FleetHalf(PathCluster cluster, DatapathImplementation impl, LabResources resources, LabSpec spec)
    {
        public PathCluster Cluster { get; } = cluster;
        public DatapathImplementation Impl { get; } = impl;
        public LabResources Resources { get; } = resources;
        public LabSpec Spec { get; } = spec;
        public List<string> Tunnels { get; } = [];
        public X25519KeyPair? KeyPair { get; set; }
        public FleetNodeFacts? Facts { get; set; }
        public IReadOnlyList<FleetNodeFacts> Peers { get; set; } = [];
        public DatapathDevices? Devices { get; set; }
        public UdpProbeResponder? Responder { get; set; }
    }
}
