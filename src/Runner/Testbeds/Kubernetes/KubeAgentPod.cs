namespace PerfSuite.Runner.Testbeds.Kubernetes;

/// <summary>One agent pod of a run as its readiness wait left it.</summary>
/// <param name="Name">The pod's name; null when no pod was ever created (a DaemonSet that placed none on the node).</param>
/// <param name="Node">The chosen node it belongs to.</param>
/// <param name="Address">Where its agent listens: the node's address (hostNetwork) or the pod's; null when not ready.</param>
/// <param name="Failure">Why it is not ready (its phase, its containers' states and its events); null when it is.</param>
public sealed record KubeAgentPod(string? Name, string Node, string? Address, string? Failure)
{
    public bool IsReady => Failure is null && Address is not null;
}

/// <summary>Every agent of a run after the readiness wait: the hostNetwork agent of each chosen node (in node order) and
/// the pod-network agents (node 1's two first, then one per further node).</summary>
public sealed record KubeReadiness(IReadOnlyList<KubeAgentPod> HostAgents, IReadOnlyList<KubeAgentPod> PodAgents);
