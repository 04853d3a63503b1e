using System.Globalization;
using PerfSuite.Lab.Fleet;
using PerfSuite.Lab.Offloads;
using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Cpu;
using PerfSuite.Model.Ceiling;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Fleet;
using PerfSuite.Model.Results;
using PerfSuite.Probe.Host;
using PerfSuite.Runner.Testbeds.Remote;

namespace PerfSuite.Runner.Testbeds.Fleet;

/// <summary>
/// One offload profile of a fleet run: every agent leased and its lab begun, the profile set on every NIC (a NIC that
/// cannot take it makes all of this stage's cells skipped, with the feature and the reason), then each path prepared on
/// every host and connected to every other, and an endpoint pair per path and ordered pair of hosts. Disposing ends
/// the lab on every host (namespaces removed, NIC features restored) and gives the leases back.
/// </summary>
internal sealed class FleetStage : ITestbedStage
{
    private readonly IReadOnlyList<FleetAgent> _agents;
    private readonly List<FleetEndpointPair> _pairs;

    private FleetStage(IReadOnlyList<FleetAgent> agents, List<FleetEndpointPair> pairs, List<UnavailablePath> unavailable, int concurrency)
    {
        _agents = agents;
        _pairs = pairs;
        Unavailable = unavailable;
        // Per path, PairSchedule's rounds of disjoint ordered pairs: every host sends to and receives from every other,
        // no host in two tests at once, at most --concurrency pairs per round. A pair whose path did not verify is
        // not among them (its cells are failed, in Unavailable).
        var names = agents.Select(a => a.Name).ToList();
        var schedule = names.Count > 1 ? PairSchedule.Rounds(names, concurrency) : [];
        Rounds = [.. pairs.GroupBy(p => p.Place.Path).SelectMany(path => schedule
            .Select(round => (IReadOnlyList<IEndpointPair>)[.. round.SelectMany(hp => path.Where(p => p.Place.Sender == hp.Sender && p.Place.Receiver == hp.Receiver))])
            .Where(round => round.Count > 0))];
    }

    public IReadOnlyList<IEndpointPair> Ready => _pairs;

    /// <summary>The hosts' agents, leased for this stage (a Kubernetes run reads its nodes' links and NICs from them).</summary>
    internal IReadOnlyList<FleetAgent> Agents => _agents;

    public IReadOnlyList<IReadOnlyList<IEndpointPair>> Rounds { get; }

    public IReadOnlyList<UnavailablePath> Unavailable { get; }

    public static async Task<FleetStage> OpenAsync(RunSpec spec, IReadOnlyList<RemotePeer> hosts, OffloadProfile offloads, string lab, int concurrency,
        IRunProgress progress, CancellationToken cancel)
    {
        var agents = new List<FleetAgent>();
        try
        {
            for (var i = 0; i < hosts.Count; i++)
                agents.Add(await FleetAgent.ConnectAsync(i + 1, hosts[i], cancel));
            for (var i = 0; i < agents.Count; i++)
                await agents[i].BeginAsync(lab + agents[i].Number.ToString(CultureInfo.InvariantCulture), agents[(i + 1) % agents.Count].Control.Address, cancel);
            progress.Phase("hosts: " + string.Join(", ", agents.Select(a => a.ToString())));
            progress.Phase(LineRates(agents));
            if (agents.FirstOrDefault(a => !a.Verifies) is { } old)
                throw new PerfSuiteException(ErrorReason.NotSupported,
                    $"host {old.Name} ({old.Address}): its agent does not verify paths ({LabVerifyRequest.Name}), which every fleet run does before it measures; run this perfsuite's version of the agent on every host");
            var mtu = CheckMtu(spec, agents);
            var pairs = new List<FleetEndpointPair>();
            var unavailable = new List<UnavailablePath>();
            var refusal = await ApplyOffloadsAsync(agents, offloads, cancel);
            foreach (var path in spec.Paths)
            {
                if (refusal is not null)
                {
                    unavailable.AddRange(Places(agents, path, DatapathImplementation.Kernel, mtu, offloads)
                        .Select(p => new UnavailablePath(p.Place, CellStatus.Skipped, refusal)));
                    continue;
                }
                progress.Phase($"building {path.Name} on {agents.Count} hosts");
                var facts = new List<FleetNodeFacts>();
                foreach (var agent in agents)
                    facts.Add((await agent.AskAsync<LabNodeReply>(new LabPrepareRequest { Path = path.Name, PeerCount = agents.Count - 1 }, cancel)).Facts);
                var skipped = facts.Where(f => !f.IsReady).ToList();
                var impl = facts.Any(f => f.Impl == "userspace") ? DatapathImplementation.Userspace : DatapathImplementation.Kernel;
                if (skipped.Count > 0)
                {
                    var reason = string.Join("; ", skipped.Select(f => $"host {agents[f.Host - 1].Name}: {f.Reason}"));
                    unavailable.AddRange(Places(agents, path, impl, mtu, offloads).Select(p => new UnavailablePath(p.Place, CellStatus.Skipped, reason)));
                    continue;
                }
                foreach (var agent in agents)
                {
                    var connected = await agent.AskAsync<LabConnectedReply>(new LabConnectRequest
                    {
                        Path = path.Name,
                        Peers = facts.Where(f => f.Host != agent.Number).ToList(),
                    }, cancel);
                    foreach (var tunnel in connected.Tunnels.Where(t => !t.AllTookEffect))
                        progress.Phase($"host {agent.Name}: {tunnel}");
                }
                foreach (var (place, sender, receiver, verification) in await VerifyAsync(agents, path, impl, mtu, offloads, progress, cancel))
                {
                    if (verification.Passed)
                        pairs.Add(new FleetEndpointPair(place, sender, receiver, facts[sender.Number - 1], facts[receiver.Number - 1], Ceiling(sender.LineRate, receiver.LineRate)));
                    else
                        unavailable.Add(new UnavailablePath(place, CellStatus.Failed,
                            $"verification of {path.Name} from {sender.Name} to {receiver.Name} failed: {string.Join("; ", verification.Failures)}"));
                }
            }
            return new FleetStage(agents, pairs, unavailable, concurrency);
        }
        catch
        {
            foreach (var agent in agents)
                await agent.DisposeAsync();
            throw;
        }
    }

    /// <summary>The runner's own environment, with every host's in <see cref="RunEnvironment.Hosts"/>: its kernel, CPU,
    /// sysctls, idle CPU (sampled on all hosts over the same window) and the snapshot of its NIC under test as the run
    /// found it.</summary>
    public async Task<RunEnvironment> ReadEnvironmentAsync(TimeSpan idleWindow, CancellationToken cancel)
    {
        var idle = await Task.WhenAll(_agents.Select(a => a.Client.SampleCpuAsync(idleWindow, cancel)));
        var hosts = new List<FleetHost>();
        for (var i = 0; i < _agents.Count; i++)
        {
            var agent = _agents[i];
            var environment = await agent.Client.EnvironmentAsync(_agents[(i + 1) % _agents.Count].Control.Address, cancel);
            hosts.Add(new FleetHost(agent.Name, agent.Address.ToString(), agent.Nic, environment with
            {
                IdleCpu = idle[i].Host.ToCpuByCategory(),
                TrafficInterface = agent.Nic,
                Probe = agent.Snapshot is { } snapshot ? [snapshot] : environment.Probe,
            }));
        }
        var runner = _agents[0].Address;
        return HostEnvironment.Read(runner.LocalNetns, _agents[0].Control.Address).Environment with { Hosts = hosts };
    }

    public async ValueTask DisposeAsync()
    {
        List<Exception>? failures = null;
        foreach (var agent in _agents)
        {
            try
            {
                await agent.DisposeAsync();
            }
            catch (Exception e) when (e is PerfSuiteException or IOException)
            {
                (failures ??= []).Add(e);
            }
        }
        if (failures is not null)
            throw new PerfSuiteException(ErrorReason.Failed, $"ending the fleet run: {string.Join("; ", failures.Select(f => f.Message))}");
    }

    /// <summary>The goodput ceiling between two hosts: the slower of their NICs' line rates; the inner header is IPv4 TCP
    /// with timestamps, because the traffic runs between pods, namespaces the run created, where the kernel starts
    /// <c>net.ipv4.tcp_timestamps</c> at 1 whatever the host has. Null when neither NIC has a line rate to know.</summary>
    internal static WireCeiling? Ceiling(WireLineRate? sender, WireLineRate? receiver) =>
        WireCeiling.Between(sender, receiver, GoodputCeiling.Ipv4TcpTimestamps);

    private static string LineRates(IReadOnlyList<FleetAgent> agents)
    {
        var known = agents.Where(a => a.LineRate is not null).ToList();
        if (known.Count == 0)
            return "line rate: unknown (no NIC under test is a physical NIC with a link speed): no ceiling or efficiency";
        var unknown = agents.Except(known).Select(a => $"{a.Name} {a.Nic}").ToList();
        return "line rate: " + string.Join("; ", known.Select(a => $"{a.LineRate!.Description}{(a.LineRate.VlanTagged ? ", VLAN-tagged" : "")}"))
            + (unknown.Count > 0 ? $"; unknown on {string.Join(", ", unknown)} (a pair's ceiling is its known side's)" : "");
    }

    /// <summary>The NICs' MTU is the run's underlay MTU; a --mtu that differs is refused, as are hosts whose NICs differ.</summary>
    private static int CheckMtu(RunSpec spec, IReadOnlyList<FleetAgent> agents)
    {
        var mtus = agents.Select(a => a.NicMtu).Distinct().ToList();
        if (mtus.Count > 1)
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                "the hosts' NICs have different MTUs (" + string.Join(", ", agents.Select(a => $"{a.Name} {a.Nic} {a.NicMtu}")) + "); a fleet run measures one underlay MTU");
        var mtu = mtus[0];
        if (spec.UnderlayMtus is [var asked] && asked != mtu)
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                string.Create(CultureInfo.InvariantCulture, $"--mtu {asked}: the NICs under test have MTU {mtu}, and a fleet run does not change a real NIC's MTU; give --mtu {mtu} or leave it out"));
        return mtu;
    }

    /// <summary>Sets the profile on every NIC; the reason the stage cannot be measured when a NIC would not take it.</summary>
    private static async Task<string?> ApplyOffloadsAsync(IReadOnlyList<FleetAgent> agents, OffloadProfile offloads, CancellationToken cancel)
    {
        var refusals = new List<string>();
        foreach (var agent in agents)
        {
            var reply = await agent.AskAsync<LabOffloadsReply>(new LabOffloadsRequest { Profile = offloads.Name, Changes = offloads.Changes }, cancel);
            refusals.AddRange(offloads.Unmet(reply.Nic).Select(unmet => $"host {agent.Name}: {unmet}"));
        }
        return refusals.Count == 0 ? null : $"offload profile {offloads.Name} cannot be applied: {string.Join("; ", refusals)}";
    }

    /// <summary>Verifies <paramref name="path"/> between every ordered pair of hosts, as the lab verifies its paths (both
    /// directions, because a path MTU or a filter can differ between them): every host's pod answers probes, and each
    /// sender probes each receiver's pod from its own, capturing on its NIC under test. The places carry what was seen.</summary>
    private static async Task<List<(RunPlace Place, FleetAgent Sender, FleetAgent Receiver, PathVerification Verification)>> VerifyAsync(
        List<FleetAgent> agents, Datapath path, DatapathImplementation impl, int mtu, OffloadProfile offloads, IRunProgress progress,
        CancellationToken cancel)
    {
        var ports = new Dictionary<FleetAgent, int>();
        foreach (var agent in agents)
            ports[agent] = (await agent.AskAsync<LabAnsweringReply>(new LabAnswerProbesRequest { Path = path.Name }, cancel)).Port;
        progress.Phase($"verifying {path.Name} between {agents.Count * (agents.Count - 1)} ordered pairs of hosts");
        var verified = new List<(RunPlace, FleetAgent, FleetAgent, PathVerification)>();
        foreach (var (place, sender, receiver) in Places(agents, path, impl, mtu, offloads))
        {
            var verification = (await sender.AskAsync<LabVerifiedReply>(new LabVerifyRequest
            {
                Path = path.Name,
                Receiver = receiver.Number,
                Port = ports[receiver],
            }, cancel)).Verification;
            if (!verification.Passed)
                progress.Phase($"{path.Name} {sender.Name} → {receiver.Name} did not verify: {string.Join("; ", verification.Failures)}");
            verified.Add((place with { Verification = verification, ObservedPathMtu = verification.ObservedPathMtu }, sender, receiver, verification));
        }
        return verified;
    }

    private static IEnumerable<(RunPlace Place, FleetAgent Sender, FleetAgent Receiver)> Places(IReadOnlyList<FleetAgent> agents, Datapath path,
        DatapathImplementation impl, int mtu, OffloadProfile offloads)
    {
        foreach (var sender in agents)
        {
            foreach (var receiver in agents.Where(r => r != sender))
            {
                yield return (new RunPlace(path.Name, impl, mtu, offloads.Name, path.PodMtu(mtu), Sender: sender.Name, Receiver: receiver.Name),
                    sender, receiver);
            }
        }
    }
}
