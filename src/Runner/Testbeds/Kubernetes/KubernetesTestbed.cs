using System.Globalization;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;
using PerfSuite.Probe.Host;
using PerfSuite.Runner.Testbeds.Fleet;
using PerfSuite.Runner.Testbeds.Remote;

namespace PerfSuite.Runner.Testbeds.Kubernetes;

/// <summary>
/// A Kubernetes cluster's nodes as a testbed (docs/kubernetes.md). The nodes' hostNetwork agents are a fleet's hosts:
/// one stage per offload profile is a <see cref="FleetTestbed"/> stage over the nodes whose agent became Ready, every
/// datapath built between them over their NICs; a node whose agent never became Ready fails each of its cells with its
/// pod's events as the reason, and the others go on. A last stage measures the cluster's own pod network between the
/// pod-network agents (<see cref="KubeCniStage"/>). The environment of the results names the cluster
/// (<see cref="RunEnvironment.Cluster"/>).
/// </summary>
public sealed class KubernetesTestbed(RunSpec spec, KubeCluster cluster, string token, string? netns, TimeSpan connectTimeout, int concurrency = 1)
    : ITestbed
{
    private IReadOnlyList<KubeAgentPod> HostAgents => cluster.Readiness.HostAgents;

    public void Validate()
    {
        if (string.IsNullOrEmpty(token))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, "a Kubernetes run needs its agents' token");
        if (spec.Offloads.Count == 0)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, "a Kubernetes run needs at least one offload profile");
        if (concurrency < 1)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"--concurrency must be at least 1, not {concurrency}");
        if (netns is not null && !Environment.IsPrivilegedProcess)
            throw new PerfSuiteException(ErrorReason.PermissionDenied, $"running the runner in network namespace '{netns}' needs root (CAP_SYS_ADMIN for setns)");
    }

    public int CellCount =>
        (spec.Offloads.Count * spec.Paths.Count * HostAgents.Count * (HostAgents.Count - 1) + KubeCniStage.PathCount(HostAgents.Count))
        * spec.Tests.Count * spec.Repetitions;

    public int StageCount => spec.Offloads.Count + 1;

    public async Task<ITestbedStage> OpenStageAsync(int index, IRunProgress progress, CancellationToken cancel)
    {
        if (index == spec.Offloads.Count)
            return await KubeCniStage.OpenAsync(spec, cluster, token, netns, connectTimeout, progress, cancel);
        var offloads = spec.Offloads[index];
        var ready = HostAgents.Where(h => h.IsReady).ToList();
        FleetStage? inner = null;
        if (ready.Count >= 2)
        {
            var hosts = ready.Select(h => new RemotePeer(h.Address!, cluster.Deploy.HostPort, token, netns, connectTimeout)).ToList();
            var fleet = new FleetTestbed(spec with { Offloads = [offloads] }, hosts, concurrency);
            fleet.Validate();
            inner = (FleetStage)await fleet.OpenStageAsync(0, progress, cancel);
        }
        var mtu = inner is { Agents: [var first, ..] } ? first.NicMtu : 0;
        var failed = new List<UnavailablePath>();
        foreach (var path in spec.Paths)
        {
            foreach (var sender in HostAgents)
            {
                foreach (var receiver in HostAgents.Where(r => r != sender && (!sender.IsReady || !r.IsReady || inner is null)))
                {
                    var place = new RunPlace(path.Name, DatapathImplementation.Kernel, mtu, offloads.Name, mtu > 0 ? path.PodMtu(mtu) : 0,
                        Sender: sender.Node, Receiver: receiver.Node);
                    failed.Add(new UnavailablePath(place, CellStatus.Failed, FailureOf(sender, receiver, ready.Count)));
                }
            }
        }
        return new KubeFleetStage(inner, failed, cluster, netns);
    }

    private static string FailureOf(KubeAgentPod sender, KubeAgentPod receiver, int ready) =>
        !sender.IsReady ? $"node {sender.Node}: {sender.Failure}"
        : !receiver.IsReady ? $"node {receiver.Node}: {receiver.Failure}"
        : string.Create(CultureInfo.InvariantCulture, $"only {ready} node's agent became Ready; a fleet needs two");
}

/// <summary>One offload profile's fleet stage over the ready nodes, with the cells of the nodes that are not ready
/// added as failed, and the cluster added to the environment.</summary>
internal sealed class KubeFleetStage(FleetStage? inner, IReadOnlyList<UnavailablePath> failed, KubeCluster cluster, string? netns) : ITestbedStage
{
    public IReadOnlyList<IEndpointPair> Ready => inner?.Ready ?? [];

    public IReadOnlyList<IReadOnlyList<IEndpointPair>> Rounds => inner?.Rounds ?? [];

    public IReadOnlyList<UnavailablePath> Unavailable => [.. inner?.Unavailable ?? [], .. failed];

    public async Task<RunEnvironment> ReadEnvironmentAsync(TimeSpan idleWindow, CancellationToken cancel)
    {
        var environment = inner is not null
            ? await inner.ReadEnvironmentAsync(idleWindow, cancel)
            : HostEnvironment.Read(netns, null).Environment;
        return environment with { Cluster = KubeClusterFacts.Describe(cluster, inner?.Agents) };
    }

    public ValueTask DisposeAsync() => inner?.DisposeAsync() ?? ValueTask.CompletedTask;
}

/// <summary>The <see cref="KubernetesCluster"/> a results file records, from the API's node objects and what the nodes'
/// agents reported when their lease began (their links, their NIC).</summary>
internal static class KubeClusterFacts
{
    public static KubernetesCluster Describe(KubeCluster cluster, IReadOnlyList<FleetAgent>? agents)
    {
        var nodes = new List<KubernetesNode>();
        var probed = new List<IReadOnlyList<string>>();
        foreach (var host in cluster.Readiness.HostAgents)
        {
            var info = cluster.Nodes.FirstOrDefault(n => n.Metadata.Name == host.Node)?.Status?.NodeInfo;
            var agent = agents?.FirstOrDefault(a => a.Name == host.Node);
            var devices = agent is null ? [] : ClusterNetworkDetection.TunnelDevices(agent.Devices);
            if (agent is not null)
                probed.Add(agent.Devices);
            nodes.Add(new KubernetesNode(host.Node, host.Address, info?.KernelVersion, info?.KubeletVersion, info?.ContainerRuntimeVersion,
                devices, agent?.Snapshot?.Interfaces.FirstOrDefault(i => i.Name == agent.Nic), host.Failure));
        }
        var (cni, encapsulation) = ClusterNetworkDetection.Detect(probed.Count > 0 ? probed : null);
        var run = cluster.Deploy.Run;
        return new KubernetesCluster(cluster.Version, cluster.Context, run.Namespace, run.RunId, cni, null, encapsulation, nodes);
    }
}
