using k8s.Models;

namespace PerfSuite.Runner.Testbeds.Kubernetes;

/// <summary>What a run knows of its cluster once deployed: the API server's version, the context, the run, the chosen
/// nodes as the kubelet reports them, where their agents are, and the ClusterIP of the run's Service.</summary>
public sealed record KubeCluster(
    string Version,
    string? Context,
    KubeDeploySpec Deploy,
    IReadOnlyList<V1Node> Nodes,
    KubeReadiness Readiness,
    string? ServiceAddress);
