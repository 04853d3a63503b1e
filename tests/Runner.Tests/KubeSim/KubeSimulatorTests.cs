using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Tests.Support.KubeSim;

namespace PerfSuite.Runner.Tests.KubeSim;

/// <summary>
/// The simulated control plane, driven as <c>perfsuite k8s</c> drives a cluster: through the official client
/// (KubernetesClient.Aot) over HTTP with a kubeconfig. Its pods are real namespaces running the real agent, so
/// these tests check the API semantics and the datapath: pod IPs reachable across nodes, ClusterIP DNAT, and that
/// deleting (or disposing) leaves no process and no namespace.
/// </summary>
public sealed class KubeSimulatorTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";
    private const int AgentPort = 7000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Objects_are_created_read_listed_and_deleted_with_the_API_s_404_and_409()
    {
        // Given a simulated cluster and a client configured from its kubeconfig
        await using var sim = KubeSimulator.Start(1);
        using var scratch = new ScratchDirectory();
        var client = Client(sim, scratch);

        // When a namespace, a labelled secret and a service are created
        var ns = await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "ps-ks-crud" } }, cancellationToken: Ct);
        var secret = await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "token", Labels = new Dictionary<string, string> { ["app"] = "perfsuite" } },
            StringData = new Dictionary<string, string> { ["token"] = Token },
        }, "ps-ks-crud", cancellationToken: Ct);
        var service = await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "agents" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "perfsuite" }, Ports = [new V1ServicePort { Port = 80, TargetPort = AgentPort }] },
        }, "ps-ks-crud", cancellationToken: Ct);

        // Then they read back with server-set fields, and stringData became data
        Assert.Equal("Active", ns.Status.Phase);
        Assert.False(string.IsNullOrEmpty(secret.Metadata.Uid));
        Assert.Equal(Token, Encoding.UTF8.GetString((await client.CoreV1.ReadNamespacedSecretAsync("token", "ps-ks-crud", cancellationToken: Ct)).Data["token"]));
        Assert.StartsWith("10.96.", service.Spec.ClusterIP, StringComparison.Ordinal);
        Assert.NotEqual(KubeSimulator.KubernetesServiceIp, service.Spec.ClusterIP);
        Assert.Equal(["token"], (await client.CoreV1.ListNamespacedSecretAsync("ps-ks-crud", labelSelector: "app=perfsuite", cancellationToken: Ct)).Items.Select(s => s.Metadata.Name));
        Assert.Empty((await client.CoreV1.ListNamespacedSecretAsync("ps-ks-crud", labelSelector: "app!=perfsuite", cancellationToken: Ct)).Items);

        // And creating it again is 409 AlreadyExists, reading what is not there 404 NotFound, as Status objects
        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "token" } }, "ps-ks-crud", cancellationToken: Ct));
        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
        Assert.Equal("AlreadyExists", Reason(conflict));
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedSecretAsync("nothing", "ps-ks-crud", cancellationToken: Ct));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
        Assert.Equal("NotFound", Reason(missing));
        var noNamespace = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "x" } }, "ps-ks-nowhere", cancellationToken: Ct));
        Assert.Equal(HttpStatusCode.NotFound, noNamespace.Response.StatusCode);

        // And a deleted secret is gone; a wrong token is 401
        var deleted = await client.CoreV1.DeleteNamespacedSecretAsync("token", "ps-ks-crud", cancellationToken: Ct);
        Assert.Equal("Success", deleted.Status);
        Assert.Empty((await client.CoreV1.ListNamespacedSecretAsync("ps-ks-crud", cancellationToken: Ct)).Items);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(scratch.File("kubeconfig"));
        config.AccessToken = "wrong";
        using var stranger = new k8s.Kubernetes(config);
        var unauthorized = await Assert.ThrowsAsync<HttpOperationException>(() => stranger.CoreV1.ListNamespaceAsync(cancellationToken: Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.Response.StatusCode);
    }

    [Fact]
    public async Task A_watch_from_a_resourceVersion_streams_every_change_after_it_in_order()
    {
        await using var sim = KubeSimulator.Start(1);
        using var scratch = new ScratchDirectory();
        var client = Client(sim, scratch);
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "ps-ks-watch" } }, cancellationToken: Ct);

        // Given the list's resourceVersion, then a create, a patch and a delete
        var version = (await client.CoreV1.ListNamespacedSecretAsync("ps-ks-watch", cancellationToken: Ct)).Metadata.ResourceVersion;
        var created = await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, "ps-ks-watch", cancellationToken: Ct);
        await client.CoreV1.PatchNamespacedSecretAsync(new V1Patch("""{"metadata":{"labels":{"k":"v"}}}""", V1Patch.PatchType.MergePatch), "s", "ps-ks-watch", cancellationToken: Ct);
        await client.CoreV1.DeleteNamespacedSecretAsync("s", "ps-ks-watch", cancellationToken: Ct);

        // When watches start from the list's version and from the creation's
        var all = await WatchLinesAsync(client, "ps-ks-watch", version, 3);
        var later = await WatchLinesAsync(client, "ps-ks-watch", created.Metadata.ResourceVersion, 2);

        // Then each sees exactly the changes after its version, with rising versions
        Assert.Equal(["ADDED", "MODIFIED", "DELETED"], all.Select(e => e.Type));
        Assert.Equal(["MODIFIED", "DELETED"], later.Select(e => e.Type));
        Assert.Equal("v", all[1].Object.GetProperty("metadata").GetProperty("labels").GetProperty("k").GetString());
        var versions = all.Select(e => long.Parse(e.Object.GetProperty("metadata").GetProperty("resourceVersion").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(3, versions.Distinct().Count());
    }

    [Fact]
    public async Task A_DaemonSet_runs_one_real_agent_per_selected_node_reachable_across_nodes_and_through_its_ClusterIP()
    {
        // Given a 3-node cluster and a DaemonSet of agents limited to nodes 1 and 3, with its token from a Secret
        await using var sim = KubeSimulator.Start(3);
        using var scratch = new ScratchDirectory();
        var client = Client(sim, scratch);
        var ns = "ps-ks-ds";
        await DeployAgentsAsync(client, ns, [sim.NodeNames[0], sim.NodeNames[2]]);
        var service = await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "agents" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "agent" }, Ports = [new V1ServicePort { Name = "control", Port = 80, TargetPort = AgentPort }] },
        }, ns, cancellationToken: Ct);

        // When every pod is Ready
        var pods = await WaitForPodsAsync(client, ns, 2, p => KubeSimulatorReady(p));

        // Then there is one pod on each selected node and none on node 2, owned by the DaemonSet, with a pod IP of its
        // node's pod CIDR, and a real agent process behind it
        Assert.Equal([sim.NodeNames[0], sim.NodeNames[2]], pods.Select(p => p.Spec.NodeName).Order(StringComparer.Ordinal));
        foreach (var pod in pods)
        {
            Assert.Equal("DaemonSet", Assert.Single(pod.Metadata.OwnerReferences).Kind);
            var node = sim.NodeNames.ToList().IndexOf(pod.Spec.NodeName) + 1;
            Assert.StartsWith($"10.244.{node}.", pod.Status.PodIP, StringComparison.Ordinal);
            Assert.Equal(FleetHostNamespaces.AddressOf(node).ToString(), pod.Status.HostIP);
            Assert.Equal("Running", pod.Status.Phase);
        }
        V1DaemonSet ds = null!;
        await Eventually.HoldsAsync(async () =>
        {
            ds = await client.AppsV1.ReadNamespacedDaemonSetAsync("agents", ns, cancellationToken: Ct);
            return ds.Status.NumberReady == 2;
        }, Patience, () => "the DaemonSet never counted 2 ready pods", Ct);
        Assert.Equal(2, ds.Status.DesiredNumberScheduled);
        Assert.Equal(2, ds.Status.CurrentNumberScheduled);
        Assert.Equal(2, sim.PodPids.Count);

        // And the pod on node 1 reaches the agent on node 3 (VXLAN between nodes) and the ClusterIP, by TCP and ping
        var first = sim.Kubelet.Pods.Single(p => p.NodeName == sim.NodeNames[0]);
        var third = pods.Single(p => p.Spec.NodeName == sim.NodeNames[2]);
        Assert.True(await ConnectsAsync(first.Netns, IPAddress.Parse(third.Status.PodIP), AgentPort));
        Assert.Equal(0, Shell.TryRun("ip", "netns", "exec", first.Netns, "ping", "-c", "1", "-W", "5", third.Status.PodIP).Code);
        Assert.True(await ConnectsAsync(first.Netns, IPAddress.Parse(service.Spec.ClusterIP), 80));
        Assert.True(await ConnectsAsync(sim.NodeNames[1], IPAddress.Parse(service.Spec.ClusterIP), 80));
        Assert.False(await ConnectsAsync(first.Netns, IPAddress.Parse(service.Spec.ClusterIP), 81));
    }

    [Fact]
    public async Task Deleting_the_namespace_kills_its_processes_and_removes_its_pod_namespaces()
    {
        await using var sim = KubeSimulator.Start(2);
        using var scratch = new ScratchDirectory();
        var client = Client(sim, scratch);
        var ns = "ps-ks-gone";
        await DeployAgentsAsync(client, ns, sim.NodeNames);
        await WaitForPodsAsync(client, ns, 2, KubeSimulatorReady);
        var pids = sim.PodPids;
        var sandboxes = sim.Kubelet.Pods.Select(p => p.Netns).ToList();
        Assert.Equal(2, pids.Count);

        // When the namespace is deleted
        var terminating = await client.CoreV1.DeleteNamespaceAsync(ns, cancellationToken: Ct);

        // Then it is Terminating at first, then gone (404), and with it every process and pod namespace
        Assert.NotNull(terminating);
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                await client.CoreV1.ReadNamespaceAsync(ns, cancellationToken: Ct);
                return false;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                return true;
            }
        }, Patience, () => "the namespace was never removed", Ct);
        Assert.DoesNotContain(ProcessTable.Live(), e => pids.Contains(e.Pid) && e.CommandLine.Contains("agent", StringComparison.Ordinal));
        Assert.DoesNotContain(NetworkNamespace.List(), sandboxes.Contains);
        Assert.Empty(sim.Store.List(KubeResource.Pods, ns).Items);
    }

    [Fact]
    public async Task A_broken_node_keeps_its_pod_Pending_with_FailedCreatePodSandBox_events()
    {
        await using var sim = KubeSimulator.Start(2);
        using var scratch = new ScratchDirectory();
        var client = Client(sim, scratch);
        sim.BreakNode(sim.NodeNames[1]);
        var ns = "ps-ks-broken";
        await DeployAgentsAsync(client, ns, sim.NodeNames);

        // When the healthy node's pod is Ready and the broken node's pod has had time to fail twice
        await WaitForPodsAsync(client, ns, 2, p => p.Spec.NodeName == sim.NodeNames[1] || KubeSimulatorReady(p));
        var broken = (await client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: Ct)).Items.Single(p => p.Spec.NodeName == sim.NodeNames[1]);
        Corev1Event? sandbox = null;
        await Eventually.HoldsAsync(async () =>
        {
            var events = await client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: $"involvedObject.name={broken.Metadata.Name}", cancellationToken: Ct);
            sandbox = events.Items.FirstOrDefault(e => e.Reason == "FailedCreatePodSandBox" && e.Count >= 2);
            return sandbox is not null;
        }, Patience, () => "no event FailedCreatePodSandBox counted twice", Ct);

        // Then that pod stays Pending, not Ready, with Warning events that say why
        broken = await client.CoreV1.ReadNamespacedPodAsync(broken.Metadata.Name, ns, cancellationToken: Ct);
        Assert.Equal("Pending", broken.Status.Phase);
        Assert.False(KubeSimulatorReady(broken));
        Assert.Equal("Warning", sandbox!.Type);
        Assert.Contains("failed to setup network for sandbox", sandbox.Message, StringComparison.Ordinal);
        Assert.Equal(broken.Metadata.Uid, sandbox.InvolvedObject.Uid);
        Assert.Single(sim.PodPids);
    }

    [Fact]
    public async Task A_disposed_simulator_leaves_no_namespace_and_no_process()
    {
        string prefix;
        IReadOnlyCollection<int> pids;
        {
            // Given a cluster with running agents that the test never deletes
            await using var sim = KubeSimulator.Start(2);
            using var scratch = new ScratchDirectory();
            var client = Client(sim, scratch);
            await DeployAgentsAsync(client, "ps-ks-left", sim.NodeNames);
            await WaitForPodsAsync(client, "ps-ks-left", 2, KubeSimulatorReady);
            prefix = sim.Hosts.Prefix;
            pids = sim.PodPids;
            Assert.Equal(2, pids.Count);
        }

        // Then, disposed, nothing of it is left
        Assert.DoesNotContain(NetworkNamespace.List(), n => n.StartsWith(prefix, StringComparison.Ordinal));
        Assert.DoesNotContain(ProcessTable.Live(), e => pids.Contains(e.Pid) && e.CommandLine.Contains("agent", StringComparison.Ordinal));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static bool KubeSimulatorReady(V1Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static k8s.Kubernetes Client(KubeSimulator sim, ScratchDirectory scratch)
    {
        var path = scratch.File("kubeconfig");
        sim.WriteKubeconfig(path);
        return new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
    }

    private static string? Reason(HttpOperationException e) =>
        JsonDocument.Parse(e.Response.Content).RootElement.GetProperty("reason").GetString();

    /// <summary>A namespace, the token Secret and a DaemonSet of <c>perfsuite agent --listen $(POD_IP):7000</c> pods
    /// on <paramref name="nodes"/> (node affinity on kubernetes.io/hostname), ready when their port accepts.</summary>
    private static async Task DeployAgentsAsync(k8s.Kubernetes client, string ns, IReadOnlyList<string> nodes)
    {
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } }, cancellationToken: Ct);
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "token" },
            Data = new Dictionary<string, byte[]> { ["token"] = Encoding.UTF8.GetBytes(Token) },
        }, ns, cancellationToken: Ct);
        var labels = new Dictionary<string, string> { ["app"] = "agent" };
        await client.AppsV1.CreateNamespacedDaemonSetAsync(new V1DaemonSet
        {
            Metadata = new V1ObjectMeta { Name = "agents" },
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = labels },
                    Spec = new V1PodSpec
                    {
                        Affinity = new V1Affinity
                        {
                            NodeAffinity = new V1NodeAffinity
                            {
                                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                                {
                                    NodeSelectorTerms = [new V1NodeSelectorTerm
                                    {
                                        MatchExpressions = [new V1NodeSelectorRequirement { Key = "kubernetes.io/hostname", OperatorProperty = "In", Values = [.. nodes] }],
                                    }],
                                },
                            },
                        },
                        Containers = [new V1Container
                        {
                            Name = "agent",
                            Image = "ghcr.io/example/perfsuite:test",
                            Args = ["agent", "--listen", $"$(POD_IP):{AgentPort}"],
                            Env =
                            [
                                new V1EnvVar { Name = "POD_IP", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "status.podIP" } } },
                                new V1EnvVar { Name = "PERFSUITE_TOKEN", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "token", Key = "token" } } },
                            ],
                            ReadinessProbe = new V1Probe { TcpSocket = new V1TCPSocketAction { Port = AgentPort } },
                        }],
                    },
                },
            },
        }, ns, cancellationToken: Ct);
    }

    private static async Task<List<V1Pod>> WaitForPodsAsync(k8s.Kubernetes client, string ns, int count, Func<V1Pod, bool> ready)
    {
        List<V1Pod> pods = [];
        await Eventually.HoldsAsync(async () =>
        {
            pods = (await client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: Ct)).Items.ToList();
            return pods.Count == count && pods.All(ready);
        }, Patience, () => "the pods never were all ready", Ct);
        return pods;
    }

    private static async Task<bool> ConnectsAsync(string netns, IPAddress address, int port)
    {
        using var socket = NetworkNamespace.Run(netns, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port)).WaitAsync(TimeSpan.FromSeconds(10));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }

    private sealed record WatchLine(string Type, JsonElement Object);

    /// <summary>Reads <paramref name="count"/> events of a secrets watch from <paramref name="version"/>, as the
    /// runner's own watch does: the client's HttpClient, its credentials, one JSON event per line.</summary>
    private static async Task<List<WatchLine>> WatchLinesAsync(k8s.Kubernetes client, string ns, string version, int count)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(client.BaseUri, $"api/v1/namespaces/{ns}/secrets?watch=true&resourceVersion={version}&timeoutSeconds=30"));
        await client.Credentials.ProcessHttpRequestAsync(request, Ct);
        using var response = await client.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(Ct));
        var lines = new List<WatchLine>();
        while (lines.Count < count && await reader.ReadLineAsync().WaitAsync(Patience) is { } line)
        {
            var root = JsonDocument.Parse(line).RootElement;
            lines.Add(new WatchLine(root.GetProperty("type").GetString()!, root.GetProperty("object").Clone()));
        }
        return lines;
    }
}
