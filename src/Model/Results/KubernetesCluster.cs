using PerfSuite.Model.Probe;

namespace PerfSuite.Model.Results;

/// <summary>The Kubernetes cluster a <c>perfsuite k8s run</c> measured (<see cref="RunEnvironment.Cluster"/>).</summary>
/// <param name="Version">The API server's version (<c>/version</c> gitVersion, "v1.31.2").</param>
/// <param name="Context">The kubeconfig context the run used.</param>
/// <param name="Namespace">The namespace the run created (and removed) for its agents.</param>
/// <param name="RunId">The run's id, the value of the <c>perfsuite.dev/run</c> label on everything it created.</param>
/// <param name="Cni">The CNI the nodes' tunnel devices name (<c>flannel</c>, <c>calico</c>, <c>cilium</c>), or null when no
/// node shows one (native routing, or a CNI PerfSuite does not recognise).</param>
/// <param name="CniVersion">The CNI's version where it can be read from the cluster; null when it cannot (PerfSuite asks
/// for nothing outside its own namespace, so today it is always null).</param>
/// <param name="Encapsulation">The datapath the tunnel devices say the pod network uses (<c>vxlan</c>, <c>ipip</c>,
/// <c>wireguard</c>, <c>geneve</c>), <c>native</c> when the nodes have none of them, null when no node was probed.</param>
/// <param name="Nodes">Every node chosen for the run, measured or not.</param>
public sealed record KubernetesCluster(
    string Version,
    string? Context,
    string Namespace,
    string RunId,
    string? Cni,
    string? CniVersion,
    string? Encapsulation,
    IReadOnlyList<KubernetesNode> Nodes);

/// <summary>One node of a Kubernetes run.</summary>
/// <param name="Name">The node's name (<c>kubernetes.io/hostname</c>), which is its host name in the run's cells.</param>
/// <param name="Address">The address its hostNetwork agent listened on (the node's InternalIP), null when it never ran.</param>
/// <param name="Kernel">The kernel the kubelet reports (<c>status.nodeInfo.kernelVersion</c>).</param>
/// <param name="Kubelet">The kubelet's version.</param>
/// <param name="ContainerRuntime">The container runtime and its version ("containerd://1.7.22").</param>
/// <param name="TunnelDevices">The CNI tunnel devices the node's agent found among the node's links
/// (<c>flannel.1</c>, <c>vxlan.calico</c>, <c>tunl0</c>, <c>wireguard.cali</c>, <c>cilium_vxlan</c>, ...).</param>
/// <param name="Nic">The snapshot of the node's NIC under test, as its agent read it before the first cell; null when the
/// agent never became ready.</param>
/// <param name="Failure">Why the node was not measured (its pod's events), null when it was.</param>
public sealed record KubernetesNode(
    string Name,
    string? Address,
    string? Kernel,
    string? Kubelet,
    string? ContainerRuntime,
    IReadOnlyList<string> TunnelDevices,
    InterfaceSnapshot? Nic,
    string? Failure);
