using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PerfSuite.Kernel.Namespaces;

namespace PerfSuite.Tests.Support.KubeSim;

/// <summary>
/// The kubelets of every simulated node: each pod bound to a node gets a sandbox and real processes, and its status
/// moves as the kubelet moves it (pkg/kubelet/status, the Pod lifecycle page kubernetes/website
/// content/en/docs/concepts/workloads/pods/pod-lifecycle.md): Pending with PodScheduled, then podIP/hostIP and
/// Initialized, then Running with each container's state, then Ready and ContainersReady once every readiness
/// probe passes (no probe: once started). Events as the kubelet writes them (Pulled, Created, Started, Killing,
/// Unhealthy, BackOff, FailedCreatePodSandBox). Faster than a real kubelet where only waiting would differ: probes
/// run at most 1 s apart, restarts back off 1 s doubling to 8 s, and termination grace is capped at 10 s.
/// </summary>
public sealed partial class SimulatedKubelet(KubeObjectStore store, KubeEventRecorder events, FleetHostNamespaces hosts, FlannelNetwork cni)
{
    private static readonly TimeSpan MaxGrace = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, SimulatedPod> _pods = new();
    private readonly ConcurrentDictionary<string, string> _faults = new();
    private int _sandboxes;

    /// <summary>The pods running now, by uid.</summary>
    public IReadOnlyCollection<SimulatedPod> Pods => _pods.Values.ToList();

    /// <summary>From now on, no pod on <paramref name="node"/> gets a sandbox: each stays Pending and its kubelet
    /// retries and records a Warning FailedCreatePodSandBox with <paramref name="message"/> every 2 s.</summary>
    public void BreakNode(string node, string message) => _faults[node] = message;

    public int NodeIndex(string nodeName) => hosts.Hosts.ToList().IndexOf(nodeName) + 1;

    /// <summary>Starts running <paramref name="pod"/> (bound to a node) unless it runs already.</summary>
    public void Admit(JsonObject pod)
    {
        var metadata = pod["metadata"]!;
        var uid = metadata["uid"]!.GetValue<string>();
        var nodeName = pod["spec"]!["nodeName"]!.GetValue<string>();
        var node = NodeIndex(nodeName);
        if (node < 1 || _pods.ContainsKey(uid) || metadata["deletionTimestamp"] is not null)
            return;
        var hostNetwork = pod["spec"]!["hostNetwork"]?.GetValue<bool>() == true;
        var netns = hostNetwork ? nodeName : $"{hosts.Prefix}p{Interlocked.Increment(ref _sandboxes)}";
        var sim = new SimulatedPod(metadata["namespace"]!.GetValue<string>(), metadata["name"]!.GetValue<string>(), uid, node, nodeName, hostNetwork, netns);
        if (!_pods.TryAdd(uid, sim))
            return;
        sim.Lifecycle = Task.Run(() => RunAsync(sim, sim.Life.Token));
    }

    public string Log(string ns, string name, string? container) =>
        _pods.Values.FirstOrDefault(p => p.Namespace == ns && p.Name == name)?.Log(container) ?? "";

    /// <summary>Graceful deletion's second half: stops the containers (SIGTERM, then SIGKILL after the grace period),
    /// removes the sandbox, then the pod object.</summary>
    public async Task TerminateAsync(JsonObject pod)
    {
        var metadata = pod["metadata"]!;
        var uid = metadata["uid"]!.GetValue<string>();
        if (_pods.TryRemove(uid, out var sim))
        {
            await StopAsync(sim, GraceOf(pod), pod);
        }
        var ns = metadata["namespace"]!.GetValue<string>();
        var name = metadata["name"]!.GetValue<string>();
        if (store.Get(KubeResource.Pods, ns, name)?["metadata"]?["uid"]?.GetValue<string>() == uid)
            store.Remove(KubeResource.Pods, ns, name);
    }

    /// <summary>Stops every pod at once (the simulator is going away).</summary>
    public async Task StopAllAsync()
    {
        var all = _pods.Values.ToList();
        _pods.Clear();
        await Task.WhenAll(all.Select(p => StopAsync(p, TimeSpan.FromSeconds(5), null)));
    }

    private async Task StopAsync(SimulatedPod sim, TimeSpan grace, JsonObject? pod)
    {
        await sim.Life.CancelAsync();
        try
        {
            if (sim.Lifecycle is not null)
                await sim.Lifecycle;
        }
        catch (Exception e) when (e is OperationCanceledException or KubeStatusException or InvalidOperationException)
        {
        }
        if (pod is not null)
        {
            foreach (var container in Containers(pod))
                events.Record(pod, "Normal", "Killing", $"Stopping container {container["name"]!.GetValue<string>()}", "kubelet", sim.NodeName,
                    $"spec.containers{{{container["name"]!.GetValue<string>()}}}");
        }
        await sim.StopAsync(grace);
        if (!sim.HostNetwork)
        {
            FlannelNetwork.DeleteSandbox(sim.Netns);
            if (sim.Address is not null)
                cni.Release(sim.Node, sim.Address);
        }
    }

    private static TimeSpan GraceOf(JsonObject pod)
    {
        var seconds = KubeSimulator.Integer(pod["metadata"]?["deletionGracePeriodSeconds"])
            ?? KubeSimulator.Integer(pod["spec"]?["terminationGracePeriodSeconds"]) ?? 30;
        var grace = TimeSpan.FromSeconds(Math.Max(seconds, 0));
        return grace > MaxGrace ? MaxGrace : grace;
    }

    private static IEnumerable<JsonObject> Containers(JsonObject pod) =>
        (pod["spec"]?["containers"]?.AsArray() ?? []).OfType<JsonObject>();

    private async Task RunAsync(SimulatedPod sim, CancellationToken cancel)
    {
        var pod = store.Get(KubeResource.Pods, sim.Namespace, sim.Name);
        if (pod is null)
            return;
        var hostIp = FleetHostNamespaces.AddressOf(sim.Node).ToString();
        UpdateStatus(sim, status =>
        {
            status["phase"] = "Pending";
            status["hostIP"] = hostIp;
            status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = hostIp });
            status["startTime"] = KubeObjectStore.Now();
            SetCondition(status, "PodReadyToStartContainers", false);
            SetCondition(status, "Initialized", true);
            SetCondition(status, "Ready", false, "ContainersNotReady", "containers with unready status: " + string.Join(' ', Containers(pod).Select(c => $"[{c["name"]}]")));
            SetCondition(status, "ContainersReady", false, "ContainersNotReady", "containers with unready status: " + string.Join(' ', Containers(pod).Select(c => $"[{c["name"]}]")));
            status["containerStatuses"] = new JsonArray(Containers(pod).Select(c => (JsonNode)WaitingStatus(c, "ContainerCreating", null, 0)).ToArray());
        });
        while (_faults.TryGetValue(sim.NodeName, out var fault))
        {
            events.Record(pod, "Warning", "FailedCreatePodSandBox", fault, "kubelet", sim.NodeName);
            await Task.Delay(TimeSpan.FromSeconds(2), cancel);
        }
        if (sim.HostNetwork)
            sim.Address = IPAddress.Parse(hostIp);
        else
        {
            NetworkNamespace.Create(sim.Netns);
            sim.Address = cni.Attach(sim.Node, sim.Netns);
        }
        var podIp = sim.Address.ToString();
        UpdateStatus(sim, status =>
        {
            status["podIP"] = podIp;
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp });
            SetCondition(status, "PodReadyToStartContainers", true);
        });
        pod = store.Get(KubeResource.Pods, sim.Namespace, sim.Name) ?? pod;
        var containers = Containers(pod).ToList();
        var restarts = new int[containers.Count];
        var processes = new System.Diagnostics.Process?[containers.Count];
        var ready = new bool[containers.Count];
        var restartAt = new DateTime[containers.Count];
        var restartPolicy = pod["spec"]?["restartPolicy"]?.GetValue<string>() ?? "Always";
        while (!cancel.IsCancellationRequested)
        {
            for (var i = 0; i < containers.Count; i++)
            {
                var container = containers[i];
                var name = container["name"]!.GetValue<string>();
                if (processes[i] is { HasExited: true } ended)
                {
                    var code = ended.ExitCode;
                    processes[i] = null;
                    ready[i] = false;
                    var again = restartPolicy == "Always" || restartPolicy == "OnFailure" && code != 0;
                    var terminated = new JsonObject { ["exitCode"] = code, ["reason"] = code == 0 ? "Completed" : "Error", ["finishedAt"] = KubeObjectStore.Now() };
                    if (again)
                    {
                        restarts[i]++;
                        var delay = TimeSpan.FromSeconds(Math.Min(8, 1 << Math.Min(3, restarts[i] - 1)));
                        restartAt[i] = DateTime.UtcNow + delay;
                        events.Record(pod, "Warning", "BackOff", $"Back-off restarting failed container {name} in pod {sim.Name}_{sim.Namespace}({sim.Uid})",
                            "kubelet", sim.NodeName, $"spec.containers{{{name}}}");
                        var waiting = WaitingStatus(container, "CrashLoopBackOff", $"back-off {delay.TotalSeconds:0}s restarting failed container={name} pod={sim.Name}_{sim.Namespace}({sim.Uid})", restarts[i]);
                        waiting["lastState"] = new JsonObject { ["terminated"] = terminated };
                        UpdateContainer(sim, i, waiting);
                    }
                    else
                    {
                        restartAt[i] = DateTime.MaxValue;
                        UpdateContainer(sim, i, new JsonObject
                        {
                            ["name"] = name,
                            ["image"] = container["image"]?.GetValue<string>(),
                            ["ready"] = false,
                            ["started"] = false,
                            ["restartCount"] = restarts[i],
                            ["state"] = new JsonObject { ["terminated"] = terminated },
                        });
                    }
                }
                if (processes[i] is null && DateTime.UtcNow >= restartAt[i])
                {
                    processes[i] = StartContainer(sim, pod, container, restarts[i]);
                    if (processes[i] is null)
                        restartAt[i] = DateTime.UtcNow + TimeSpan.FromSeconds(2);
                }
            }
            if (restartPolicy != "Always" && processes.All(p => p is null) && restartAt.All(t => t == DateTime.MaxValue))
            {
                var failed = (store.Get(KubeResource.Pods, sim.Namespace, sim.Name)?["status"]?["containerStatuses"]?.AsArray() ?? [])
                    .Any(s => s?["state"]?["terminated"]?["exitCode"]?.GetValue<int>() is not (null or 0));
                UpdateStatus(sim, status => status["phase"] = failed ? "Failed" : "Succeeded");
                return;
            }
            for (var i = 0; i < containers.Count; i++)
            {
                var wasReady = ready[i];
                ready[i] = processes[i] is { HasExited: false } && await ProbeAsync(sim, containers[i], cancel);
                if (wasReady != ready[i])
                    UpdateContainer(sim, i, null, ready[i]);
            }
            var allReady = ready.All(r => r);
            UpdateStatus(sim, status =>
            {
                var notReady = containers.Where((c, i) => !ready[i]).Select(c => $"[{c["name"]}]").ToList();
                SetCondition(status, "ContainersReady", allReady, allReady ? null : "ContainersNotReady", allReady ? null : "containers with unready status: " + string.Join(' ', notReady));
                SetCondition(status, "Ready", allReady, allReady ? null : "ContainersNotReady", allReady ? null : "containers with unready status: " + string.Join(' ', notReady));
            });
            await Task.Delay(TimeSpan.FromSeconds(allReady ? 1 : 0.25), cancel);
        }
    }

    private System.Diagnostics.Process? StartContainer(SimulatedPod sim, JsonObject pod, JsonObject container, int restarts)
    {
        var name = container["name"]!.GetValue<string>();
        var image = container["image"]?.GetValue<string>() ?? "";
        var fieldPath = $"spec.containers{{{name}}}";
        Dictionary<string, string> environment;
        IReadOnlyList<string> commandLine;
        try
        {
            pod = store.Get(KubeResource.Pods, sim.Namespace, sim.Name) ?? pod;
            environment = ResolveEnvironment(sim, pod, container);
            commandLine = CommandLine(container, environment);
        }
        catch (ContainerConfigException e)
        {
            events.Record(pod, "Warning", "Failed", $"Error: {e.Message}", "kubelet", sim.NodeName, fieldPath);
            UpdateContainer(sim, IndexOf(pod, name), WaitingStatus(container, "CreateContainerConfigError", e.Message, restarts));
            return null;
        }
        events.Record(pod, "Normal", "Pulled", $"Container image \"{image}\" already present on machine", "kubelet", sim.NodeName, fieldPath);
        events.Record(pod, "Normal", "Created", $"Created container: {name}", "kubelet", sim.NodeName, fieldPath);
        var process = sim.Start(name, commandLine, environment);
        events.Record(pod, "Normal", "Started", $"Started container {name}", "kubelet", sim.NodeName, fieldPath);
        var started = KubeObjectStore.Now();
        UpdateStatus(sim, status => status["phase"] = "Running");
        UpdateContainer(sim, IndexOf(pod, name), new JsonObject
        {
            ["name"] = name,
            ["image"] = image,
            ["imageID"] = "",
            ["containerID"] = $"containerd://{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())}{process.Id:x8}",
            ["ready"] = false,
            ["started"] = true,
            ["restartCount"] = restarts,
            ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = started } },
        });
        return process;
    }

    private static int IndexOf(JsonObject pod, string container) =>
        Containers(pod).Select((c, i) => (c, i)).First(p => p.c["name"]!.GetValue<string>() == container).i;

    /// <summary>A readiness probe as the kubelet runs it (pkg/kubelet/prober): tcpSocket connects from the node's
    /// namespace to the pod's IP; exec runs the command inside the container's namespace and wants exit 0; no
    /// probe means ready once started. httpGet is not simulated and never passes (an Unhealthy event says so).</summary>
    private async Task<bool> ProbeAsync(SimulatedPod sim, JsonObject container, CancellationToken cancel)
    {
        var probe = container["readinessProbe"];
        if (probe is null)
            return true;
        var timeout = TimeSpan.FromSeconds(probe["timeoutSeconds"]?.GetValue<int>() ?? 1);
        if (probe["tcpSocket"]?["port"] is { } portNode)
        {
            var port = portNode.GetValueKind() == System.Text.Json.JsonValueKind.Number
                ? portNode.GetValue<int>()
                : (container["ports"]?.AsArray() ?? []).Where(p => p!["name"]?.GetValue<string>() == portNode.GetValue<string>())
                    .Select(p => p!["containerPort"]!.GetValue<int>()).FirstOrDefault();
            var address = probe["tcpSocket"]?["host"]?.GetValue<string>() is { } host ? IPAddress.Parse(host) : sim.Address!;
            using var socket = NetworkNamespace.Run(sim.NodeName, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            limit.CancelAfter(timeout);
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), limit.Token);
                return true;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException && !cancel.IsCancellationRequested)
            {
                return false;
            }
        }
        if (probe["exec"]?["command"]?.AsArray() is { } command)
        {
            var argv = command.Select(a => a!.GetValue<string>()).ToArray();
            var mapped = Path.GetFileName(argv[0]) == "perfsuite" ? BuiltCli.CommandLine(argv[1..]) : argv;
            var (code, _, _) = await Task.Run(() => Shell.TryRun("ip", ["netns", "exec", sim.Netns, .. mapped]), cancel);
            return code == 0;
        }
        var pod = store.Get(KubeResource.Pods, sim.Namespace, sim.Name);
        if (pod is not null)
            events.Record(pod, "Warning", "Unhealthy", "Readiness probe failed: the simulated kubelet runs tcpSocket and exec probes only", "kubelet", sim.NodeName);
        return false;
    }

    /// <summary>
    /// What the container's process runs: <c>command</c> (else the image's entrypoint) then <c>args</c>, with
    /// <c>$(VAR)</c> expanded from the container's environment and <c>$$</c> escaping a <c>$</c> (Container
    /// reference: "Variable references $(VAR_NAME) are expanded using the container's environment"). The image's
    /// <c>perfsuite</c> is the built CLI (<see cref="BuiltCli"/>): any image whose name's last segment starts with
    /// perfsuite has it as entrypoint (deploy/Containerfile's ENTRYPOINT), and a command whose program is named
    /// perfsuite runs it. Other programs run as this machine has them.
    /// </summary>
    public static IReadOnlyList<string> CommandLine(JsonObject container, IReadOnlyDictionary<string, string> environment)
    {
        var image = container["image"]?.GetValue<string>() ?? "";
        var command = container["command"]?.AsArray().Select(a => a!.GetValue<string>()).ToList();
        if (command is null or [])
        {
            var repository = image.Split('@')[0];
            var lastSegment = repository[(repository.LastIndexOf('/') + 1)..].Split(':')[0];
            if (!lastSegment.StartsWith("perfsuite", StringComparison.Ordinal))
                throw new ContainerConfigException($"the simulator knows no entrypoint for image \"{image}\"; give the container a command");
            command = ["perfsuite"];
        }
        var args = container["args"]?.AsArray().Select(a => a!.GetValue<string>()).ToList() ?? [];
        var argv = command.Concat(args).Select(a => Expand(a, environment)).ToArray();
        return Path.GetFileName(argv[0]) == "perfsuite" ? BuiltCli.CommandLine(argv[1..]) : argv;
    }

    private static string Expand(string text, IReadOnlyDictionary<string, string> environment) =>
        VariableReference().Replace(text, m => m.Value.StartsWith("$$", StringComparison.Ordinal)
            ? m.Value[1..]
            : environment.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    [GeneratedRegex(@"\$?\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)")]
    private static partial Regex VariableReference();

    /// <summary>The container's environment: what the kubelet always sets (HOSTNAME, the kubernetes Service's
    /// KUBERNETES_SERVICE_HOST/PORT), <c>envFrom</c> secrets, then <c>env</c> in order: values (with earlier
    /// variables expanded), <c>secretKeyRef</c>, <c>configMapKeyRef</c> and <c>fieldRef</c> (metadata.name,
    /// metadata.namespace, metadata.uid, spec.nodeName, spec.serviceAccountName, status.podIP, status.hostIP,
    /// metadata.labels['k']). A missing secret or key, not optional, is CreateContainerConfigError.</summary>
    private Dictionary<string, string> ResolveEnvironment(SimulatedPod sim, JsonObject pod, JsonObject container)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOSTNAME"] = sim.HostNetwork ? sim.NodeName : sim.Name,
            ["KUBERNETES_SERVICE_HOST"] = KubeSimulator.KubernetesServiceIp,
            ["KUBERNETES_SERVICE_PORT"] = "443",
        };
        foreach (var source in (container["envFrom"]?.AsArray() ?? []).OfType<JsonObject>())
        {
            var prefix = source["prefix"]?.GetValue<string>() ?? "";
            if (source["secretRef"]?["name"]?.GetValue<string>() is { } secretName)
            {
                var secret = store.Get(KubeResource.Secrets, sim.Namespace, secretName);
                if (secret is null && source["secretRef"]?["optional"]?.GetValue<bool>() != true)
                    throw new ContainerConfigException($"secret \"{secretName}\" not found");
                foreach (var (key, value) in secret?["data"]?.AsObject() ?? [])
                    env[prefix + key] = Encoding.UTF8.GetString(Convert.FromBase64String(value!.GetValue<string>()));
            }
        }
        foreach (var variable in (container["env"]?.AsArray() ?? []).OfType<JsonObject>())
        {
            var name = variable["name"]!.GetValue<string>();
            if (variable["value"]?.GetValue<string>() is { } value)
            {
                env[name] = Expand(value, env);
                continue;
            }
            var from = variable["valueFrom"];
            if (from?["secretKeyRef"] is JsonObject secretRef)
            {
                var secretName = secretRef["name"]!.GetValue<string>();
                var key = secretRef["key"]!.GetValue<string>();
                var optional = secretRef["optional"]?.GetValue<bool>() == true;
                var secret = store.Get(KubeResource.Secrets, sim.Namespace, secretName);
                if (secret is null)
                {
                    if (optional)
                        continue;
                    throw new ContainerConfigException($"secret \"{secretName}\" not found");
                }
                if (secret["data"]?[key]?.GetValue<string>() is not { } encoded)
                {
                    if (optional)
                        continue;
                    throw new ContainerConfigException($"couldn't find key {key} in Secret {sim.Namespace}/{secretName}");
                }
                env[name] = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            }
            else if (from?["configMapKeyRef"] is JsonObject mapRef)
            {
                var mapName = mapRef["name"]!.GetValue<string>();
                var key = mapRef["key"]!.GetValue<string>();
                var map = store.Get(KubeResource.ConfigMaps, sim.Namespace, mapName);
                if (map?["data"]?[key]?.GetValue<string>() is { } text)
                    env[name] = text;
                else if (mapRef["optional"]?.GetValue<bool>() != true)
                    throw new ContainerConfigException(map is null ? $"configmap \"{mapName}\" not found" : $"couldn't find key {key} in ConfigMap {sim.Namespace}/{mapName}");
            }
            else if (from?["fieldRef"]?["fieldPath"]?.GetValue<string>() is { } path)
            {
                env[name] = FieldValue(pod, path) ?? throw new ContainerConfigException($"unsupported fieldPath: {path}");
            }
        }
        return env;
    }

    private static string? FieldValue(JsonObject pod, string path)
    {
        if (path.StartsWith("metadata.labels['", StringComparison.Ordinal) || path.StartsWith("metadata.annotations['", StringComparison.Ordinal))
        {
            var open = path.IndexOf('\'', StringComparison.Ordinal);
            var key = path[(open + 1)..path.LastIndexOf('\'')];
            var map = path.StartsWith("metadata.labels", StringComparison.Ordinal) ? "labels" : "annotations";
            return pod["metadata"]?[map]?[key]?.GetValue<string>() ?? "";
        }
        return path switch
        {
            "metadata.name" or "metadata.namespace" or "metadata.uid" => pod["metadata"]?[path[9..]]?.GetValue<string>(),
            "spec.nodeName" => pod["spec"]?["nodeName"]?.GetValue<string>(),
            "spec.serviceAccountName" => pod["spec"]?["serviceAccountName"]?.GetValue<string>() ?? "default",
            "status.podIP" => pod["status"]?["podIP"]?.GetValue<string>() ?? "",
            "status.hostIP" => pod["status"]?["hostIP"]?.GetValue<string>() ?? "",
            _ => null,
        };
    }

    private static JsonObject WaitingStatus(JsonObject container, string reason, string? message, int restarts)
    {
        var waiting = new JsonObject { ["reason"] = reason };
        if (message is not null)
            waiting["message"] = message;
        return new JsonObject
        {
            ["name"] = container["name"]!.GetValue<string>(),
            ["image"] = container["image"]?.GetValue<string>(),
            ["imageID"] = "",
            ["ready"] = false,
            ["started"] = false,
            ["restartCount"] = restarts,
            ["state"] = new JsonObject { ["waiting"] = waiting },
        };
    }

    private void UpdateContainer(SimulatedPod sim, int index, JsonObject? replacement, bool? ready = null) =>
        UpdateStatus(sim, status =>
        {
            if (status["containerStatuses"] is not JsonArray statuses || index >= statuses.Count)
                return;
            if (replacement is not null)
                statuses[index] = replacement.DeepClone();
            if (ready is { } r)
                statuses[index]!["ready"] = r;
        });

    /// <summary>Changes the pod's status if the stored pod is still this one (same uid, not gone).</summary>
    private void UpdateStatus(SimulatedPod sim, Action<JsonObject> change) =>
        store.TryUpdate(KubeResource.Pods, sim.Namespace, sim.Name, pod =>
        {
            if (pod["metadata"]!["uid"]!.GetValue<string>() != sim.Uid)
                return false;
            var before = pod["status"]?.ToJsonString();
            var status = pod["status"] as JsonObject ?? new JsonObject();
            pod["status"] = status;
            change(status);
            return status.ToJsonString() != before;
        });

    /// <summary>Sets one of the pod's conditions; its lastTransitionTime changes only when its status does.</summary>
    public static void SetCondition(JsonObject status, string type, bool value, string? reason = null, string? message = null)
    {
        var conditions = status["conditions"] as JsonArray ?? [];
        status["conditions"] = conditions;
        var text = value ? "True" : "False";
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);
        if (existing is not null && existing["status"]?.GetValue<string>() == text && existing["reason"]?.GetValue<string>() == reason &&
            existing["message"]?.GetValue<string>() == message)
            return;
        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = text,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = existing is not null && existing["status"]?.GetValue<string>() == text ? existing["lastTransitionTime"]?.DeepClone() : KubeObjectStore.Now(),
        };
        if (reason is not null)
            condition["reason"] = reason;
        if (message is not null)
            condition["message"] = message;
        if (existing is null)
            conditions.Add(condition);
        else
            conditions[conditions.IndexOf(existing)] = condition;
    }

    /// <summary>The kubelet cannot build a container's configuration (a missing Secret or key).</summary>
    private sealed class ContainerConfigException(string message) : Exception(message);
}
