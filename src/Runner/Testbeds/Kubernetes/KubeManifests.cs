using System.Globalization;
using k8s;
using k8s.Models;

namespace PerfSuite.Runner.Testbeds.Kubernetes;

/// <summary>
/// Everything a Kubernetes run creates, all in its own namespace and nothing cluster-wide (no ClusterRole, no binding,
/// no service account token mounted): the token Secret, the hostNetwork agent DaemonSet limited to the chosen nodes by
/// required node affinity on <c>kubernetes.io/hostname</c>, one pod-network agent per chosen node (two on node 1, for
/// the same-node path), and a ClusterIP Service in front of node 2's pod agent. Every agent's requests equal its limits
/// (Guaranteed QoS), and its readiness is its control port accepting connections. The token reaches the agents only
/// as <c>$PERFSUITE_TOKEN</c> from the Secret, never in a pod spec. docs/kubernetes.md explains each choice.
/// </summary>
public sealed class KubeManifests
{
    public const string SecretName = "perfsuite-token";
    public const string SecretKey = "token";
    public const string TokenVariable = "PERFSUITE_TOKEN";
    public const string HostAgentsName = "host-agents";
    public const string ServiceName = "pod-agent";
    public const string HostRole = "host-agent";
    public const string PodRole = "pod-agent";

    /// <summary>Marks the one pod agent the Service selects (node 2's, node 1's when there is one node).</summary>
    public const string ServiceBackendLabel = "perfsuite.dev/service-backend";

    /// <summary>Annotation naming the node a pod agent was placed on (node names need not be valid label values).</summary>
    public const string NodeAnnotation = "perfsuite.dev/node";

    /// <summary>The capabilities of a hostNetwork agent, and only these: NET_ADMIN (links, addresses, routes, neighbour
    /// and FDB entries, the NIC's features by SIOCETHTOOL), SYS_ADMIN (creating network namespaces, entering them with
    /// setns, bind-mounting them under /run/netns), NET_RAW (the DF probes and the capture that verify a path).</summary>
    public static readonly IReadOnlyList<string> HostCapabilities = ["NET_ADMIN", "SYS_ADMIN", "NET_RAW"];

    private KubeManifests(KubeDeploySpec spec, V1Namespace ns, V1Secret secret, V1DaemonSet hostAgents, IReadOnlyList<V1Pod> podAgents,
        V1Service service)
    {
        Spec = spec;
        Namespace = ns;
        Secret = secret;
        HostAgents = hostAgents;
        PodAgents = podAgents;
        Service = service;
    }

    public KubeDeploySpec Spec { get; }

    public V1Namespace Namespace { get; }

    public V1Secret Secret { get; }

    public V1DaemonSet HostAgents { get; }

    /// <summary>The pod-network agents: <c>pod-1</c>, <c>pod-1b</c> (node 1's second), <c>pod-2</c>, ... .</summary>
    public IReadOnlyList<V1Pod> PodAgents { get; }

    public V1Service Service { get; }

    /// <summary>Every object in the order deploy creates them.</summary>
    public IEnumerable<IKubernetesObject> All =>
        [Namespace, Secret, HostAgents, .. PodAgents, Service];

    /// <summary>The name of node <paramref name="number"/>'s pod agent (1-based); <paramref name="second"/>: node 1's other.</summary>
    public static string PodAgentName(int number, bool second = false) =>
        string.Create(CultureInfo.InvariantCulture, $"pod-{number}{(second ? "b" : "")}");

    public static KubeManifests Build(KubeDeploySpec spec, string token)
    {
        spec.Validate();
        var run = spec.Run;
        var ns = new V1Namespace
        {
            ApiVersion = "v1",
            Kind = "Namespace",
            Metadata = new V1ObjectMeta
            {
                Name = run.Namespace,
                Labels = run.Labels(),
                Annotations = spec.Runner.Length > 0 ? new Dictionary<string, string> { [KubeRunName.RunnerAnnotation] = spec.Runner } : null,
            },
        };
        var secret = new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = Meta(run, SecretName, null),
            Type = "Opaque",
            StringData = new Dictionary<string, string> { [SecretKey] = token },
        };
        var backend = spec.Nodes.Count > 1 ? 2 : 1;
        var pods = new List<V1Pod>();
        for (var i = 0; i < spec.Nodes.Count; i++)
        {
            pods.Add(PodAgent(spec, i + 1, second: false, backend: i + 1 == backend));
            if (i == 0)
                pods.Add(PodAgent(spec, 1, second: true, backend: false));
        }
        var service = new V1Service
        {
            ApiVersion = "v1",
            Kind = "Service",
            Metadata = Meta(run, ServiceName, PodRole),
            Spec = new V1ServiceSpec
            {
                Type = "ClusterIP",
                Selector = new Dictionary<string, string> { [KubeRunName.RunLabel] = run.RunId, [ServiceBackendLabel] = "true" },
                Ports =
                [
                    new V1ServicePort { Name = "data-tcp", Protocol = "TCP", Port = spec.DataPort, TargetPort = spec.DataPort },
                    new V1ServicePort { Name = "data-udp", Protocol = "UDP", Port = spec.DataPort, TargetPort = spec.DataPort },
                ],
            },
        };
        return new KubeManifests(spec, ns, secret, HostAgentDaemonSet(spec), pods, service);
    }

    private static V1DaemonSet HostAgentDaemonSet(KubeDeploySpec spec)
    {
        var run = spec.Run;
        var selector = new Dictionary<string, string> { [KubeRunName.RunLabel] = run.RunId, [KubeRunName.RoleLabel] = HostRole };
        var agent = Agent(spec, spec.HostPort,
            ["agent", "--listen", string.Create(CultureInfo.InvariantCulture, $"$(NODE_IP):{spec.HostPort}"), "--allow-lab", "--allow-send", "--name", "$(NODE_NAME)"],
            [FieldEnv("NODE_IP", "status.hostIP"), FieldEnv("NODE_NAME", "spec.nodeName"), TokenEnv()],
            [new V1ContainerPort { Name = "control", ContainerPort = spec.HostPort, Protocol = "TCP" }],
            spec.Privileged
                ? new V1SecurityContext { Privileged = true, RunAsUser = 0 }
                : new V1SecurityContext
                {
                    Privileged = false,
                    RunAsUser = 0,
                    ReadOnlyRootFilesystem = true,
                    Capabilities = new V1Capabilities { Drop = ["ALL"], Add = [.. HostCapabilities] },
                    SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
                },
            [
                new V1VolumeMount { Name = "run", MountPath = "/run" },
                new V1VolumeMount { Name = "journal", MountPath = "/run/perfsuite" },
                new V1VolumeMount { Name = "tmp", MountPath = "/tmp" },
            ]);
        // /run/netns and the lab state live in the container's own /run; the journal that restores the NIC's features
        // after a killed agent must outlive the container, so it is on the node.
        var podSpec = AgentPodSpec(spec.Nodes, agent,
        [
            new V1Volume { Name = "run", EmptyDir = new V1EmptyDirVolumeSource { Medium = "Memory" } },
            new V1Volume { Name = "journal", HostPath = new V1HostPathVolumeSource { Path = "/run/perfsuite", Type = "DirectoryOrCreate" } },
            new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() },
        ]);
        podSpec.HostNetwork = true;
        podSpec.DnsPolicy = "ClusterFirstWithHostNet";
        return new V1DaemonSet
        {
            ApiVersion = "apps/v1",
            Kind = "DaemonSet",
            Metadata = Meta(run, HostAgentsName, HostRole),
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = selector },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = run.Labels(HostRole) },
                    Spec = podSpec,
                },
            },
        };
    }

    private static V1Pod PodAgent(KubeDeploySpec spec, int number, bool second, bool backend)
    {
        var meta = Meta(spec.Run, PodAgentName(number, second), PodRole);
        meta.Annotations = new Dictionary<string, string> { [NodeAnnotation] = spec.Nodes[number - 1] };
        if (backend)
            meta.Labels[ServiceBackendLabel] = "true";
        var agent = Agent(spec, spec.PodPort,
            ["agent", "--listen", string.Create(CultureInfo.InvariantCulture, $"$(POD_IP):{spec.PodPort}"), "--allow-send", "--data-port",
                spec.DataPort.ToString(CultureInfo.InvariantCulture)],
            [FieldEnv("POD_IP", "status.podIP"), TokenEnv()],
            [
                new V1ContainerPort { Name = "control", ContainerPort = spec.PodPort, Protocol = "TCP" },
                new V1ContainerPort { Name = "data-tcp", ContainerPort = spec.DataPort, Protocol = "TCP" },
                new V1ContainerPort { Name = "data-udp", ContainerPort = spec.DataPort, Protocol = "UDP" },
            ],
            new V1SecurityContext
            {
                Privileged = false,
                AllowPrivilegeEscalation = false,
                RunAsNonRoot = true,
                RunAsUser = 65534,
                ReadOnlyRootFilesystem = true,
                Capabilities = new V1Capabilities { Drop = ["ALL"] },
                SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
            },
            [new V1VolumeMount { Name = "tmp", MountPath = "/tmp" }]);
        var podSpec = AgentPodSpec([spec.Nodes[number - 1]], agent, [new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() }]);
        podSpec.RestartPolicy = "Always";
        return new V1Pod { ApiVersion = "v1", Kind = "Pod", Metadata = meta, Spec = podSpec };
    }

    /// <summary>The agent container: the image's entrypoint is <c>perfsuite</c>, so the arguments start with <c>agent</c>;
    /// Guaranteed resources; Ready when its control port accepts connections.</summary>
    private static V1Container Agent(KubeDeploySpec spec, int controlPort, List<string> args, List<V1EnvVar> env, List<V1ContainerPort> ports,
        V1SecurityContext security, List<V1VolumeMount> mounts) => new()
        {
            Name = "agent",
            Image = spec.Image,
            ImagePullPolicy = "IfNotPresent",
            Args = args,
            Env = env,
            Ports = ports,
            Resources = Guaranteed(spec),
            ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = controlPort }, PeriodSeconds = 2, FailureThreshold = 3 },
            SecurityContext = security,
            VolumeMounts = mounts,
        };

    /// <summary>A pod of one agent held to <paramref name="nodes"/>, tolerating every taint (the nodes were chosen by
    /// name), with no service account token and no service environment variables.</summary>
    private static V1PodSpec AgentPodSpec(IReadOnlyList<string> nodes, V1Container agent, List<V1Volume> volumes) => new()
    {
        Affinity = OnNodes(nodes),
        Tolerations = [new V1Toleration { OperatorProperty = "Exists" }],
        AutomountServiceAccountToken = false,
        EnableServiceLinks = false,
        TerminationGracePeriodSeconds = 30,
        Containers = [agent],
        Volumes = volumes,
    };

    private static V1ObjectMeta Meta(KubeRunName run, string name, string? role) => new()
    {
        Name = name,
        NamespaceProperty = run.Namespace,
        Labels = run.Labels(role),
    };

    /// <summary>Required node affinity: scheduled only on these nodes, by their <c>kubernetes.io/hostname</c> label.</summary>
    private static V1Affinity OnNodes(IReadOnlyList<string> nodes) => new()
    {
        NodeAffinity = new V1NodeAffinity
        {
            RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
            {
                NodeSelectorTerms =
                [
                    new V1NodeSelectorTerm
                    {
                        MatchExpressions = [new V1NodeSelectorRequirement { Key = "kubernetes.io/hostname", OperatorProperty = "In", Values = [.. nodes] }],
                    },
                ],
            },
        },
    };

    private static V1EnvVar FieldEnv(string name, string path) =>
        new() { Name = name, ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = path } } };

    private static V1EnvVar TokenEnv() =>
        new() { Name = TokenVariable, ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = SecretName, Key = SecretKey } } };

    /// <summary>Requests equal to limits for CPU and memory: the Guaranteed QoS class, not throttled below its share and
    /// (with the kubelet's static CPU manager and a whole CPU count) on CPUs of its own.</summary>
    private static V1ResourceRequirements Guaranteed(KubeDeploySpec spec)
    {
        var amounts = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(spec.Cpu), ["memory"] = new(spec.Memory) };
        return new V1ResourceRequirements { Requests = amounts, Limits = new Dictionary<string, ResourceQuantity>(amounts) };
    }
}
