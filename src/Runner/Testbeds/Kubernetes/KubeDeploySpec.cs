using System.Globalization;
using PerfSuite.Model.Errors;

namespace PerfSuite.Runner.Testbeds.Kubernetes;

/// <summary>What <c>k8s deploy</c> creates, before it is turned into objects (<see cref="KubeManifests"/>).</summary>
/// <param name="Nodes">The chosen nodes by name (<c>kubernetes.io/hostname</c>): node 1 is the first.</param>
/// <param name="Image">The agent image (deploy/Containerfile builds it).</param>
/// <param name="HostPort">The hostNetwork agents' control port on every node's address.</param>
/// <param name="PodPort">The pod-network agents' control port on their pod address.</param>
/// <param name="DataPort">The pod-network agents' test-traffic port: fixed, because the ClusterIP Service must name it.</param>
/// <param name="Privileged">Run the hostNetwork agents privileged instead of with the three capabilities (for runtimes
/// whose read-only /proc/sys or device rules stop the lab's sysctls or TUN devices).</param>
/// <param name="Cpu">CPU request and limit of every agent (equal, so the pods are in the Guaranteed QoS class).</param>
/// <param name="Memory">Memory request and limit of every agent.</param>
/// <param name="Runner">Who deploys: <c>HOST pid PID:STARTTIME</c>, recorded on the namespace.</param>
public sealed record KubeDeploySpec(
    KubeRunName Run,
    IReadOnlyList<string> Nodes,
    string Image,
    int HostPort = KubeDeploySpec.DefaultHostPort,
    int PodPort = KubeDeploySpec.DefaultPodPort,
    int DataPort = KubeDeploySpec.DefaultDataPort,
    bool Privileged = false,
    string Cpu = KubeDeploySpec.DefaultCpu,
    string Memory = KubeDeploySpec.DefaultMemory,
    string Runner = "")
{
    public const int DefaultHostPort = 7400;
    public const int DefaultPodPort = 7401;
    public const int DefaultDataPort = 7402;
    public const string DefaultCpu = "1";
    public const string DefaultMemory = "512Mi";

    /// <summary>The image a build of this version is tagged with (deploy/Containerfile, docs/kubernetes.md).</summary>
    public static string DefaultImage => "localhost/perfsuite-agent:" + ToolVersion;

    private static string ToolVersion =>
        typeof(KubeDeploySpec).Assembly.GetName().Version is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v.Major}.{v.Minor}.{v.Build}") : "latest";

    public void Validate()
    {
        if (Nodes.Count == 0)
            throw Invalid("no node chosen");
        if (Nodes.Distinct(StringComparer.Ordinal).Count() != Nodes.Count)
            throw Invalid("a node is listed twice in --nodes");
        if (Nodes.Count > PerfSuite.Lab.Fleet.FleetAddressing.MaxHosts)
            throw Invalid($"a Kubernetes run takes at most {PerfSuite.Lab.Fleet.FleetAddressing.MaxHosts} nodes, not {Nodes.Count}");
        foreach (var port in new[] { HostPort, PodPort, DataPort })
        {
            if (port is < 1 or > 65535)
                throw Invalid($"port {port} is not 1..65535");
        }
        if (PodPort == DataPort)
            throw Invalid("the pod agents' control and data ports must differ");
        if (string.IsNullOrWhiteSpace(Image) || Image.Any(char.IsWhiteSpace))
            throw Invalid($"--image '{Image}' is not an image reference");
    }

    private static PerfSuiteException Invalid(string message) => new(ErrorReason.InvalidArgument, message);
}
