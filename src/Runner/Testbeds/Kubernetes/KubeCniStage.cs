using System.Net;
using PerfSuite.Lab.Offloads;
using PerfSuite.LoadGen.Agent;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;
using PerfSuite.Probe.Host;

namespace PerfSuite.Runner.Testbeds.Kubernetes;

/// <summary>
/// The cluster's own pod network, as its CNI built it, between the run's agents (node 1 and node 2 are the first two
/// chosen nodes): pod→pod on one node (node 1's two pods), pod→pod across nodes, pod→ClusterIP Service (its one
/// backend is node 2's pod), hostNetwork→pod and pod→hostNetwork. Nothing is built and no offload is changed: the
/// profile is the NICs' <c>default</c>. A path whose agents are not Ready, or cannot be reached, fails with the reason.
/// </summary>
internal sealed class KubeCniStage : ITestbedStage
{
    public const string SameNode = "k8s-pod-same-node";
    public const string CrossNode = "k8s-pod-cross-node";
    public const string ToService = "k8s-pod-service";
    public const string HostToPod = "k8s-host-pod";
    public const string PodToHost = "k8s-pod-host";

    private readonly List<AgentClient> _clients;
    private readonly string? _netns;

    private KubeCniStage(List<KubeCniPair> ready, List<UnavailablePath> unavailable, List<AgentClient> clients, string? netns)
    {
        Ready = ready;
        Unavailable = unavailable;
        _clients = clients;
        _netns = netns;
    }

    public IReadOnlyList<IEndpointPair> Ready { get; }

    public IReadOnlyList<UnavailablePath> Unavailable { get; }

    /// <summary>The paths measured with <paramref name="nodes"/> chosen nodes: only the same-node one with a single node.</summary>
    public static int PathCount(int nodes) => nodes >= 2 ? 5 : nodes == 1 ? 1 : 0;

    public static async Task<KubeCniStage> OpenAsync(RunSpec spec, KubeCluster cluster, string token, string? netns, TimeSpan connectTimeout,
        IRunProgress progress, CancellationToken cancel)
    {
        var deploy = cluster.Deploy;
        var readiness = cluster.Readiness;
        KubeAgentPod? Pod(string name) => readiness.PodAgents.FirstOrDefault(p => p.Name == name);
        var pod1 = Pod(KubeManifests.PodAgentName(1));
        var pod1b = Pod(KubeManifests.PodAgentName(1, second: true));
        var pod2 = Pod(KubeManifests.PodAgentName(2));
        var host1 = readiness.HostAgents.ElementAtOrDefault(0);
        var host2 = readiness.HostAgents.ElementAtOrDefault(1);
        var clients = new List<AgentClient>();
        var connected = new Dictionary<KubeAgentPod, (AgentClient? Client, string? Failure)>();
        async Task<(AgentClient? Client, string? Failure)> ConnectAsync(KubeAgentPod agent, int port)
        {
            if (connected.TryGetValue(agent, out var known))
                return known;
            if (!agent.IsReady)
                return connected[agent] = (null, $"node {agent.Node}: {agent.Failure}");
            try
            {
                var client = await AgentClient.ConnectTcpAsync(new IPEndPoint(IPAddress.Parse(agent.Address!), port), token, connectTimeout, cancel,
                    NetworkScope.Of(netns));
                clients.Add(client);
                return connected[agent] = (client, null);
            }
            catch (PerfSuiteException e)
            {
                return connected[agent] = (null, $"agent {agent.Name} at {agent.Address}: {e.Message}");
            }
        }
        progress.Phase("connecting to the pod-network agents");
        var wanted = new List<(string Path, KubeAgentPod? Sender, int SenderPort, KubeAgentPod? Receiver, int ReceiverPort, string? Target)>
        {
            (SameNode, pod1b, deploy.PodPort, pod1, deploy.PodPort, pod1?.Address),
        };
        if (readiness.HostAgents.Count >= 2)
        {
            wanted.Add((CrossNode, pod1, deploy.PodPort, pod2, deploy.PodPort, pod2?.Address));
            wanted.Add((ToService, pod1, deploy.PodPort, pod2, deploy.PodPort, cluster.ServiceAddress));
            wanted.Add((HostToPod, host1, deploy.HostPort, pod2, deploy.PodPort, pod2?.Address));
            wanted.Add((PodToHost, pod1, deploy.PodPort, host2, deploy.HostPort, host2?.Address));
        }
        var ready = new List<KubeCniPair>();
        var unavailable = new List<UnavailablePath>();
        try
        {
            foreach (var (path, sender, senderPort, receiver, receiverPort, target) in wanted)
            {
                var sending = sender is null ? (null, "no such agent") : await ConnectAsync(sender, senderPort);
                var receiving = receiver is null ? (null, "no such agent") : await ConnectAsync(receiver, receiverPort);
                var failure = sending.Failure ?? receiving.Failure
                    ?? (target is null || !IPAddress.TryParse(target, out _) ? $"the {path} target has no address" : null);
                var podMtu = failure is null ? await MtuAsync(sending.Client!, IPAddress.Parse(target!), cancel) : 0;
                var underlay = host1 is not null && host2 is not null && host1.IsReady && host2.IsReady && connected.TryGetValue(host1, out var h) && h.Client is { } hc
                    ? await MtuAsync(hc, IPAddress.Parse(host2.Address!), cancel) : podMtu;
                var place = new RunPlace(path, DatapathImplementation.Kernel, underlay ?? podMtu ?? 0, OffloadProfiles.Default.Name, podMtu ?? 0,
                    Sender: sender?.Node, Receiver: receiver?.Node);
                if (failure is not null)
                    unavailable.Add(new UnavailablePath(place, CellStatus.Failed, failure));
                else
                    ready.Add(new KubeCniPair(place, sending.Client!, receiving.Client!, IPAddress.Parse(target!), sender!.Node != receiver!.Node));
            }
        }
        catch
        {
            foreach (var client in clients)
                await client.DisposeAsync();
            throw;
        }
        return new KubeCniStage(ready, unavailable, clients, netns);
    }

    public Task<RunEnvironment> ReadEnvironmentAsync(TimeSpan idleWindow, CancellationToken cancel) =>
        Task.FromResult(HostEnvironment.Read(_netns, null).Environment);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            await client.DisposeAsync();
    }

    /// <summary>The MTU of the interface an agent's kernel routes towards <paramref name="peer"/>; null when it does not say.</summary>
    private static async Task<int?> MtuAsync(AgentClient agent, IPAddress peer, CancellationToken cancel)
    {
        try
        {
            var environment = await agent.EnvironmentAsync(peer, cancel);
            return environment.Probe.SelectMany(p => p.Interfaces).FirstOrDefault(i => i.Name == environment.TrafficInterface)?.Mtu;
        }
        catch (PerfSuiteException)
        {
            return null;
        }
    }
}

/// <summary>One pod-network path: the sender agent sends to <c>target</c> (the receiver's address, or the Service's
/// ClusterIP in front of it) at the receiver's fixed data port.</summary>
internal sealed class KubeCniPair(RunPlace place, AgentClient sender, AgentClient receiver, IPAddress target, bool separateHosts) : IEndpointPair
{
    public RunPlace Place { get; } = place;

    public async Task<CellMeasurement> MeasureAsync(TestSpec spec, CancellationToken cancel)
    {
        var outcome = await AgentTestRun.RunAsync(receiver, sender, spec, target, cancel);
        int? pathMtu = outcome.Sender.Tcp is { PathMtu: > 0 } tcp ? (int)tcp.PathMtu : null;
        return new CellMeasurement(outcome.ToCellMetrics(separateHosts), pathMtu);
    }
}
