using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using PerfSuite.Kernel.Namespaces;

namespace PerfSuite.Tests.Support.KubeSim;

/// <summary>
/// A simulated Kubernetes control plane whose pods are real: the API over HTTP (<see cref="KubeApiHandler"/>) on
/// 127.0.0.1 in the test's namespace and in the fleet's runner namespace (one port, so one kubeconfig serves both),
/// nodes that are <see cref="FleetHostNamespaces"/> hosts (node name = host namespace name, InternalIP
/// 198.51.100.K), a flannel-like CNI (<see cref="FlannelNetwork"/>), an nftables kube-proxy for ClusterIP Services
/// (<see cref="NftServiceProxy"/>), the scheduler, the DaemonSet, garbage-collector and namespace controllers, and
/// kubelets that run each pod's containers as real processes (<see cref="SimulatedKubelet"/>). Namespaces
/// <c>default</c>, <c>kube-system</c>, <c>kube-public</c>, <c>kube-node-lease</c> and the <c>kubernetes</c> Service
/// (10.96.0.1) exist from the start, as on a kubeadm cluster. Dispose stops every pod's processes and deletes every
/// namespace it made, whatever state the test left. Skips the test when not root.
/// </summary>
public sealed class KubeSimulator : IAsyncDisposable
{
    /// <summary>The <c>kubernetes</c> Service's ClusterIP: the first address of kubeadm's default service CIDR
    /// 10.96.0.0/12 (serviceSubnet in the kubeadm ClusterConfiguration reference).</summary>
    public const string KubernetesServiceIp = "10.96.0.1";

    private readonly Channel<KubeWatchEvent> _changes = Channel.CreateUnbounded<KubeWatchEvent>(new() { SingleReader = true });
    private readonly Task _controllers;
    private readonly HashSet<string> _terminating = [];
    private readonly HashSet<string> _clusterIps = [KubernetesServiceIp];
    private readonly Lock _gate = new();
    private readonly ScratchDirectory _scratch = new();
    private readonly NftServiceProxy _proxy;
    private readonly KubeHttpServer _server;
    private readonly KubeEventRecorder _events;
    private bool _proxyDirty;

    private KubeSimulator(FleetHostNamespaces hosts, bool runnerReachesPods)
    {
        Hosts = hosts;
        Token = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        Store = new KubeObjectStore();
        _events = new KubeEventRecorder(Store);
        var cni = new FlannelNetwork(hosts, runnerReachesPods);
        Kubelet = new SimulatedKubelet(Store, _events, hosts, cni);
        _proxy = new NftServiceProxy(hosts.Hosts, _scratch);
        foreach (var ns in (string[])["default", "kube-system", "kube-public", "kube-node-lease"])
            Store.Create(KubeResource.Namespaces, null, NamespaceObject(ns));
        Store.Create(KubeResource.Services, "default", JsonNode.Parse($$"""
            {"metadata":{"name":"kubernetes","labels":{"component":"apiserver","provider":"kubernetes"} },
             "spec":{"type":"ClusterIP","clusterIP":"{{KubernetesServiceIp}}","clusterIPs":["{{KubernetesServiceIp}}"],
                     "ports":[{"name":"https","protocol":"TCP","port":443,"targetPort":6443}],"sessionAffinity":"None",
                     "ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack","internalTrafficPolicy":"Cluster"},
             "status":{"loadBalancer":{} } }
            """)!.AsObject());
        for (var k = 1; k <= hosts.Hosts.Count; k++)
            Store.Create(KubeResource.Nodes, null, NodeObject(hosts.Hosts[k - 1], k));
        Store.Changed += change => _changes.Writer.TryWrite(change);
        _controllers = Task.Run(RunControllersAsync);
        var handler = new KubeApiHandler(Store, this, Token);
        _server = new KubeHttpServer(handler.HandleAsync, [hosts.Runner]);
        Server = $"http://127.0.0.1:{_server.Port}";
    }

    public FleetHostNamespaces Hosts { get; }

    public KubeObjectStore Store { get; }

    public SimulatedKubelet Kubelet { get; }

    /// <summary>The API server's URL, valid in the test's namespace and in <see cref="FleetHostNamespaces.Runner"/>.</summary>
    public string Server { get; }

    /// <summary>The bearer token the API server accepts (the kubeconfig's user token).</summary>
    public string Token { get; }

    public IReadOnlyList<string> NodeNames => Hosts.Hosts;

    /// <summary>Builds a cluster of <paramref name="nodes"/> nodes. <paramref name="runnerReachesPods"/>: the
    /// runner namespace gets routes to every pod CIDR (a runner on the nodes' network of a cluster whose pod network
    /// is routed); without it only node addresses are reachable from there.</summary>
    public static KubeSimulator Start(int nodes, bool runnerReachesPods = true)
    {
        var hosts = new FleetHostNamespaces(nodes, "ps-ks");
        try
        {
            return new KubeSimulator(hosts, runnerReachesPods);
        }
        catch
        {
            hosts.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>Writes a kubeconfig naming this API server and its token to <paramref name="path"/>.</summary>
    public void WriteKubeconfig(string path) => Kubeconfig.Write(path, Server, Token);

    /// <summary>The failure knob: pods on <paramref name="node"/> never get a sandbox, stay Pending and collect
    /// Warning FailedCreatePodSandBox events (the message is containerd's for a CNI failure).</summary>
    public void BreakNode(string node) => Kubelet.BreakNode(node,
        "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox: plugin type=\"flannel\" failed (add): " +
        "failed to delegate add: failed to set bridge addr: \"cni0\" already has an IP address different from " + FlannelNetwork.PodCidr(1 + NodeNames.ToList().IndexOf(node)));

    /// <summary>Whether any process of any pod is still running, by pid (for "nothing left" checks).</summary>
    public IReadOnlyCollection<int> PodPids => Kubelet.Pods.SelectMany(p => p.Pids).ToList();

    private static JsonObject NamespaceObject(string name) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name },
    };

    /// <summary>A Node as the kubelet registers it (core/v1 Node: labels kubernetes.io/hostname, os, arch;
    /// status.addresses InternalIP and Hostname; nodeInfo with kubeletVersion and the real kernel; Ready) with the
    /// annotations flannel writes on its nodes (backend-type, public-ip) and spec.podCIDR.</summary>
    private static JsonObject NodeObject(string name, int k)
    {
        var os = File.Exists("/etc/os-release")
            ? File.ReadAllLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?[12..].Trim('"') ?? "Linux"
            : "Linux";
        var arch = System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
            _ => "amd64",
        };
        var address = FleetHostNamespaces.AddressOf(k).ToString();
        var now = KubeObjectStore.Now();
        return JsonNode.Parse($$"""
            {"metadata":{"name":"{{name}}",
               "labels":{"kubernetes.io/hostname":"{{name}}","kubernetes.io/os":"linux","kubernetes.io/arch":"{{arch}}",
                         "beta.kubernetes.io/os":"linux","beta.kubernetes.io/arch":"{{arch}}"},
               "annotations":{"flannel.alpha.coreos.com/backend-type":"vxlan","flannel.alpha.coreos.com/public-ip":"{{address}}",
                              "flannel.alpha.coreos.com/kube-subnet-manager":"true","node.alpha.kubernetes.io/ttl":"0"} },
             "spec":{"podCIDR":"{{FlannelNetwork.PodCidr(k)}}","podCIDRs":["{{FlannelNetwork.PodCidr(k)}}"]},
             "status":{"addresses":[{"type":"InternalIP","address":"{{address}}"},{"type":"Hostname","address":"{{name}}"}],
               "conditions":[{"type":"Ready","status":"True","lastHeartbeatTime":"{{now}}","lastTransitionTime":"{{now}}",
                              "reason":"KubeletReady","message":"kubelet is posting ready status"}],
               "nodeInfo":{"kubeletVersion":"{{KubeApiHandler.GitVersion}}","kubeProxyVersion":"","kernelVersion":"{{Environment.OSVersion.Version}}",
                 "osImage":"{{os}}","operatingSystem":"linux","architecture":"{{arch}}","containerRuntimeVersion":"containerd://1.7.24",
                 "machineID":"","systemUUID":"","bootID":""},
               "capacity":{"cpu":"{{Environment.ProcessorCount}}","pods":"110"},"allocatable":{"cpu":"{{Environment.ProcessorCount}}","pods":"110"} } }
            """)!.AsObject();
    }

    // ---- API semantics the handler asks for ----

    /// <summary>Defaults and validation at create (the registry strategies' PrepareForCreate and Validate).</summary>
    internal static void Default(KubeResource resource, string name, JsonObject obj)
    {
        var spec = obj["spec"] as JsonObject;
        if (resource == KubeResource.Namespaces)
        {
            obj["metadata"]!["labels"] ??= new JsonObject();
            obj["metadata"]!["labels"]!["kubernetes.io/metadata.name"] = obj["metadata"]!["name"]?.GetValue<string>();
            obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
            obj["status"] = new JsonObject { ["phase"] = "Active" };
        }
        else if (resource == KubeResource.Secrets)
        {
            obj["type"] ??= "Opaque";
            var data = obj["data"] as JsonObject ?? [];
            foreach (var (key, value) in data)
            {
                try
                {
                    _ = Convert.FromBase64String(value!.GetValue<string>());
                }
                catch (FormatException)
                {
                    throw KubeStatusException.BadRequest($"Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at data[{key}]");
                }
            }
            // stringData is write-only: merged into data and dropped (core/v1 Secret reference).
            foreach (var (key, value) in obj["stringData"]?.AsObject() ?? [])
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value!.GetValue<string>()));
            obj.Remove("stringData");
            obj["data"] = data;
        }
        else if (resource == KubeResource.DaemonSets)
        {
            if (spec?["template"] is not JsonObject template)
                throw KubeStatusException.Invalid(resource, name, "spec.template", "Required value");
            var selector = spec["selector"]?["matchLabels"] as JsonObject;
            if (selector is null || selector.Count == 0)
                throw KubeStatusException.Invalid(resource, name, "spec.selector", "Required value");
            if (!LabelSelector.MapMatches(selector, template["metadata"]?["labels"] as JsonObject))
                throw KubeStatusException.Invalid(resource, name, "spec.template.metadata.labels", $"Invalid value: {template["metadata"]?["labels"]?.ToJsonString()}: `selector` does not match template `labels`");
            spec["revisionHistoryLimit"] ??= 10;
            spec["updateStrategy"] ??= JsonNode.Parse("""{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1,"maxSurge":0}}""");
            DefaultPodSpec(template["spec"] as JsonObject ?? throw KubeStatusException.Invalid(resource, name, "spec.template.spec", "Required value"));
            obj["metadata"]!["generation"] = 1;
            obj["status"] = JsonNode.Parse("""{"currentNumberScheduled":0,"numberMisscheduled":0,"desiredNumberScheduled":0,"numberReady":0}""");
        }
        else if (resource == KubeResource.Pods)
        {
            DefaultPodSpec(spec ?? throw KubeStatusException.Invalid(resource, name, "spec", "Required value"));
            obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = QosClass(spec) };
        }
        else if (resource == KubeResource.Services)
        {
            if (spec is null)
                throw KubeStatusException.Invalid(resource, name, "spec", "Required value");
            spec["type"] ??= "ClusterIP";
            spec["sessionAffinity"] ??= "None";
            spec["ipFamilies"] ??= new JsonArray("IPv4");
            spec["ipFamilyPolicy"] ??= "SingleStack";
            spec["internalTrafficPolicy"] ??= "Cluster";
            if (spec["ports"] is not JsonArray { Count: > 0 } ports && spec["clusterIP"]?.GetValue<string>() != "None")
                throw KubeStatusException.Invalid(resource, name, "spec.ports", "Required value");
            foreach (var port in spec["ports"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                port["protocol"] ??= "TCP";
                port["targetPort"] ??= port["port"]!.GetValue<int>();
            }
            obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
        }
    }

    /// <summary>Under the store's lock, just before the object is stored: what must be decided atomically with the
    /// write (a Service's ClusterIP).</summary>
    internal void Admit(KubeResource resource, JsonObject obj)
    {
        if (resource != KubeResource.Services)
            return;
        var spec = obj["spec"]!;
        var requested = spec["clusterIP"]?.GetValue<string>();
        if (requested == "None")
            return;
        lock (_gate)
        {
            string ip;
            if (!string.IsNullOrEmpty(requested))
            {
                if (!_clusterIps.Add(requested))
                    throw KubeStatusException.Invalid(KubeResource.Services, obj["metadata"]!["name"]!.GetValue<string>(), "spec.clusterIPs",
                        $"Invalid value: []string{{\"{requested}\"}}: failed to allocate IP {requested}: provided IP is already allocated");
                ip = requested;
            }
            else
            {
                ip = Enumerable.Range(10, 4000).Select(i => $"10.96.{i / 256}.{i % 256}").First(a => !_clusterIps.Contains(a));
                _clusterIps.Add(ip);
            }
            spec["clusterIP"] = ip;
            spec["clusterIPs"] = new JsonArray(ip);
        }
    }

    /// <summary>The defaults the API server fills in a PodSpec (pkg/apis/core/v1/defaults.go).</summary>
    private static void DefaultPodSpec(JsonObject spec)
    {
        spec["restartPolicy"] ??= "Always";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["schedulerName"] ??= "default-scheduler";
        spec["serviceAccountName"] ??= "default";
        spec["securityContext"] ??= new JsonObject();
        if (spec["containers"] is not JsonArray { Count: > 0 } containers)
            throw new KubeStatusException(422, "Invalid", "Pod \"\" is invalid: spec.containers: Required value");
        foreach (var container in containers.OfType<JsonObject>())
        {
            var image = container["image"]?.GetValue<string>() ?? "";
            container["imagePullPolicy"] ??= image.EndsWith(":latest", StringComparison.Ordinal) || !image.Contains(':', StringComparison.Ordinal) ? "Always" : "IfNotPresent";
            container["terminationMessagePath"] ??= "/dev/termination-log";
            container["terminationMessagePolicy"] ??= "File";
            // Limits without requests: the requests default to the limits (defaults.go, SetDefaults_Container).
            if (container["resources"]?["limits"] is JsonObject limits)
            {
                var requests = container["resources"]!["requests"] as JsonObject ?? [];
                foreach (var (key, value) in limits)
                    requests[key] ??= value?.DeepClone();
                container["resources"]!["requests"] = requests;
            }
        }
    }

    /// <summary>The pod's QoS class (kubernetes/website content/en/docs/concepts/workloads/pods/pod-qos.md):
    /// Guaranteed when every container has CPU and memory limits equal to its requests, BestEffort when none has
    /// any, Burstable otherwise.</summary>
    public static string QosClass(JsonObject spec)
    {
        var containers = (spec["containers"]?.AsArray() ?? []).OfType<JsonObject>().ToList();
        bool Equal(JsonObject c, string r) =>
            c["resources"]?["limits"]?[r]?.GetValue<string>() is { } limit &&
            c["resources"]?["requests"]?[r]?.GetValue<string>() is { } request && Quantity(limit) == Quantity(request);
        if (containers.All(c => Equal(c, "cpu") && Equal(c, "memory")))
            return "Guaranteed";
        return containers.All(c => c["resources"]?["limits"] is null or JsonObject { Count: 0 } && c["resources"]?["requests"] is null or JsonObject { Count: 0 })
            ? "BestEffort" : "Burstable";
    }

    /// <summary>A resource quantity's value (apimachinery resource.Quantity: decimal and binary suffixes, m).</summary>
    public static decimal Quantity(string text)
    {
        (string Suffix, decimal Factor)[] suffixes = [("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("Ti", 1024m * 1024 * 1024 * 1024),
            ("m", 0.001m), ("k", 1e3m), ("M", 1e6m), ("G", 1e9m), ("T", 1e12m)];
        foreach (var (suffix, factor) in suffixes)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal))
                return decimal.Parse(text[..^suffix.Length], CultureInfo.InvariantCulture) * factor;
        }
        return decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>DELETE of one object; returns the HTTP code and the answer.</summary>
    internal (int Code, JsonObject Answer) Delete(KubeResource resource, string? ns, string name, string? propagation, long? grace)
    {
        var current = Store.Read(resource, ns, name);
        var uid = current["metadata"]!["uid"]!.GetValue<string>();
        if (resource == KubeResource.Namespaces)
        {
            if (name is "default" or "kube-system" or "kube-public")
                throw new KubeStatusException(403, "Forbidden", $"namespaces \"{name}\" is forbidden: this namespace may not be deleted");
            var now = KubeObjectStore.Now();
            return (200, Store.Update(resource, ns, name, n =>
            {
                if (n["metadata"]!["deletionTimestamp"] is not null)
                    return false;
                n["metadata"]!["deletionTimestamp"] = now;
                n["status"]!["phase"] = "Terminating";
                return true;
            }));
        }
        if (resource == KubeResource.Pods && current["spec"]?["nodeName"] is not null && grace != 0)
        {
            var now = KubeObjectStore.Now();
            return (200, Store.Update(resource, ns, name, p =>
            {
                if (p["metadata"]!["deletionTimestamp"] is not null)
                    return false;
                p["metadata"]!["deletionTimestamp"] = now;
                p["metadata"]!["deletionGracePeriodSeconds"] = grace ?? Integer(p["spec"]?["terminationGracePeriodSeconds"]) ?? 30;
                return true;
            }));
        }
        if (resource == KubeResource.DaemonSets && propagation == "Orphan")
        {
            foreach (var pod in OwnedPods(ns!, uid))
                Store.TryUpdate(KubeResource.Pods, ns, pod["metadata"]!["name"]!.GetValue<string>(), p => p["metadata"]!.AsObject().Remove("ownerReferences"));
        }
        var removed = Store.Remove(resource, ns, name) ?? throw KubeStatusException.NotFound(resource, name);
        if (resource == KubeResource.Pods)
            Kubelet.TerminateAsync(removed).GetAwaiter().GetResult();
        if (resource == KubeResource.Services && removed["spec"]?["clusterIP"]?.GetValue<string>() is { } ip)
        {
            lock (_gate)
                _clusterIps.Remove(ip);
        }
        return (200, KubeStatusException.Success(resource, name, uid));
    }

    private List<JsonObject> OwnedPods(string ns, string ownerUid) =>
        Store.List(KubeResource.Pods, ns).Items
            .Where(p => (p["metadata"]?["ownerReferences"]?.AsArray() ?? []).Any(o => o?["uid"]?.GetValue<string>() == ownerUid))
            .ToList();

    // ---- controllers ----

    private async Task RunControllersAsync()
    {
        while (await _changes.Reader.WaitToReadAsync())
        {
            while (_changes.Reader.TryRead(out var change))
            {
                try
                {
                    React(change);
                }
                catch (KubeStatusException)
                {
                    // The object or its namespace went away meanwhile: the next change reconciles again.
                }
                catch (Exception e) when (e is InvalidOperationException or PerfSuite.Model.Errors.PerfSuiteException)
                {
                    Console.Error.WriteLine($"kubesim: {change.Type} {change.Resource.Plural} {change.Namespace}/{change.Name}: {e.Message}");
                }
            }
            if (_proxyDirty)
            {
                _proxyDirty = false;
                try
                {
                    SyncProxy();
                }
                catch (InvalidOperationException e)
                {
                    Console.Error.WriteLine($"kubesim: kube-proxy sync: {e.Message}");
                }
            }
        }
    }

    private void React(KubeWatchEvent change)
    {
        var obj = change.Object;
        var ns = change.Namespace;
        if (change.Resource == KubeResource.Pods)
        {
            _proxyDirty = true;
            var spec = obj["spec"]!;
            var deleting = obj["metadata"]!["deletionTimestamp"] is not null;
            if (change.Type != "DELETED" && !deleting && spec["nodeName"] is null)
                Schedule(obj);
            else if (change.Type != "DELETED" && !deleting)
                Kubelet.Admit(obj);
            else if (change.Type != "DELETED" && deleting)
            {
                var uid = obj["metadata"]!["uid"]!.GetValue<string>();
                bool first;
                lock (_gate)
                    first = _terminating.Add(uid);
                if (first)
                    _ = Task.Run(() => Kubelet.TerminateAsync(obj));
            }
            if (OwnerDaemonSet(obj) is { } owner && Store.Get(KubeResource.DaemonSets, ns, owner) is { } ds)
                ReconcileDaemonSet(ds, change.Type == "DELETED");
            if (change.Type == "DELETED")
                FinishNamespaceIfEmpty(ns!);
        }
        else if (change.Resource == KubeResource.DaemonSets)
        {
            if (change.Type == "DELETED")
            {
                // The garbage collector: background propagation deletes the dependents once the owner is gone.
                foreach (var pod in OwnedPods(ns!, obj["metadata"]!["uid"]!.GetValue<string>()))
                    TryDelete(KubeResource.Pods, ns, pod);
            }
            else if (obj["metadata"]!["deletionTimestamp"] is null)
                ReconcileDaemonSet(obj, false);
        }
        else if (change.Resource == KubeResource.Services)
            _proxyDirty = true;
        else if (change.Resource == KubeResource.Namespaces && change.Type == "MODIFIED" && obj["metadata"]!["deletionTimestamp"] is not null &&
                 change.Previous?["metadata"]?["deletionTimestamp"] is null)
            DeleteNamespaceContent(change.Name);
    }

    private static string? OwnerDaemonSet(JsonObject pod) =>
        (pod["metadata"]?["ownerReferences"]?.AsArray() ?? [])
            .FirstOrDefault(o => o?["kind"]?.GetValue<string>() == "DaemonSet" && o?["controller"]?.GetValue<bool>() == true)?["name"]?.GetValue<string>();

    private void TryDelete(KubeResource resource, string? ns, JsonObject obj)
    {
        try
        {
            Delete(resource, ns, obj["metadata"]!["name"]!.GetValue<string>(), null, null);
        }
        catch (KubeStatusException e) when (e.Code == 404)
        {
        }
    }

    /// <summary>The default scheduler, for what PerfSuite asks of it: the first node (fewest pods first) that
    /// <see cref="NodeAffinity.Fits"/>; none is a FailedScheduling Warning and PodScheduled False/Unschedulable.</summary>
    private void Schedule(JsonObject pod)
    {
        var nodes = Store.List(KubeResource.Nodes, null).Items;
        var spec = pod["spec"]!.AsObject();
        var fitting = nodes.Where(n => NodeAffinity.Fits(spec, n)).ToList();
        var ns = pod["metadata"]!["namespace"]!.GetValue<string>();
        var name = pod["metadata"]!["name"]!.GetValue<string>();
        if (fitting.Count == 0)
        {
            var message = $"0/{nodes.Count} nodes are available: {nodes.Count} node(s) didn't match Pod's node affinity/selector. preemption: 0/{nodes.Count} nodes are available: {nodes.Count} Preemption is not helpful for scheduling.";
            _events.Record(pod, "Warning", "FailedScheduling", message, "default-scheduler");
            Store.TryUpdate(KubeResource.Pods, ns, name, p =>
            {
                var status = p["status"] as JsonObject ?? [];
                p["status"] = status;
                var before = status.ToJsonString();
                SimulatedKubelet.SetCondition(status, "PodScheduled", false, "Unschedulable", message);
                return before != status.ToJsonString();
            });
            return;
        }
        var counts = Store.List(KubeResource.Pods, null).Items.GroupBy(p => p["spec"]?["nodeName"]?.GetValue<string>() ?? "").ToDictionary(g => g.Key, g => g.Count());
        var node = fitting.OrderBy(n => counts.GetValueOrDefault(n["metadata"]!["name"]!.GetValue<string>())).First()["metadata"]!["name"]!.GetValue<string>();
        var bound = Store.TryUpdate(KubeResource.Pods, ns, name, p =>
        {
            if (p["spec"]!["nodeName"] is not null)
                return false;
            p["spec"]!["nodeName"] = node;
            var status = p["status"] as JsonObject ?? [];
            p["status"] = status;
            SimulatedKubelet.SetCondition(status, "PodScheduled", true);
            return true;
        });
        if (bound is not null)
            _events.Record(bound, "Normal", "Scheduled", $"Successfully assigned {ns}/{name} to {node}", "default-scheduler");
    }

    /// <summary>
    /// The DaemonSet controller (pkg/controller/daemon): one pod per node the template fits, created from the
    /// template with the DaemonSet as controlling owner (ownerReferences controller=true, blockOwnerDeletion=true),
    /// the <c>pod-template-generation</c> label, and a required node affinity on <c>metadata.name</c> for its node
    /// (ReplaceDaemonSetPodNodeNameNodeAffinity) that the scheduler then honours; pods on nodes that no longer fit
    /// are deleted; the status counts desired, current, ready and available pods.
    /// </summary>
    private void ReconcileDaemonSet(JsonObject ds, bool podGone)
    {
        var ns = ds["metadata"]!["namespace"]!.GetValue<string>();
        var name = ds["metadata"]!["name"]!.GetValue<string>();
        var uid = ds["metadata"]!["uid"]!.GetValue<string>();
        var template = ds["spec"]!["template"]!.AsObject();
        var wanted = Store.List(KubeResource.Nodes, null).Items.Where(n => NodeAffinity.Fits(template["spec"]!.AsObject(), n))
            .Select(n => n["metadata"]!["name"]!.GetValue<string>()).ToList();
        var pods = OwnedPods(ns, uid).Where(p => p["metadata"]!["deletionTimestamp"] is null).ToList();
        string TargetNode(JsonObject pod) => pod["spec"]?["nodeName"]?.GetValue<string>()
            ?? pod["spec"]?["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"]?[0]?["matchFields"]?[0]?["values"]?[0]?.GetValue<string>() ?? "";
        var namespaceAlive = Store.Get(KubeResource.Namespaces, null, ns)?["metadata"]?["deletionTimestamp"] is null;
        foreach (var node in wanted.Where(n => pods.All(p => TargetNode(p) != n)))
        {
            if (!namespaceAlive)
                break;
            var pod = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["generateName"] = name + "-",
                    ["labels"] = template["metadata"]?["labels"]?.DeepClone() ?? new JsonObject(),
                    ["annotations"] = template["metadata"]?["annotations"]?.DeepClone(),
                    ["ownerReferences"] = new JsonArray(new JsonObject
                    {
                        ["apiVersion"] = "apps/v1",
                        ["kind"] = "DaemonSet",
                        ["name"] = name,
                        ["uid"] = uid,
                        ["controller"] = true,
                        ["blockOwnerDeletion"] = true,
                    }),
                },
                ["spec"] = template["spec"]!.DeepClone(),
            };
            pod["metadata"]!["labels"]!["pod-template-generation"] = ds["metadata"]!["generation"]?.ToJsonString() ?? "1";
            var affinity = pod["spec"]!["affinity"] as JsonObject ?? [];
            pod["spec"]!["affinity"] = affinity;
            var nodeAffinity = affinity["nodeAffinity"] as JsonObject ?? [];
            affinity["nodeAffinity"] = nodeAffinity;
            nodeAffinity["requiredDuringSchedulingIgnoredDuringExecution"] = JsonNode.Parse(
                $$"""{"nodeSelectorTerms":[{"matchFields":[{"key":"metadata.name","operator":"In","values":["{{node}}"]}]}]}""");
            Default(KubeResource.Pods, name, pod);
            var created = Store.Create(KubeResource.Pods, ns, pod);
            _events.Record(ds, "Normal", "SuccessfulCreate", $"Created pod: {created["metadata"]!["name"]}", "daemonset-controller");
            pods.Add(created);
        }
        foreach (var pod in pods.Where(p => !wanted.Contains(TargetNode(p))))
        {
            TryDelete(KubeResource.Pods, ns, pod);
            _events.Record(ds, "Normal", "SuccessfulDelete", $"Deleted pod: {pod["metadata"]!["name"]}", "daemonset-controller");
        }
        var current = pods.Where(p => wanted.Contains(TargetNode(p))).ToList();
        var ready = current.Count(IsReady);
        _ = podGone;
        Store.TryUpdate(KubeResource.DaemonSets, ns, name, d =>
        {
            var before = d["status"]?.ToJsonString();
            d["status"] = new JsonObject
            {
                ["currentNumberScheduled"] = current.Count(p => p["spec"]?["nodeName"] is not null),
                ["numberMisscheduled"] = 0,
                ["desiredNumberScheduled"] = wanted.Count,
                ["numberReady"] = ready,
                ["observedGeneration"] = d["metadata"]!["generation"]?.DeepClone(),
                ["updatedNumberScheduled"] = current.Count,
                ["numberAvailable"] = ready,
                ["numberUnavailable"] = wanted.Count - ready,
            };
            return before != d["status"]!.ToJsonString();
        });
    }

    public static bool IsReady(JsonObject pod) =>
        (pod["status"]?["conditions"]?.AsArray() ?? []).Any(c => c?["type"]?.GetValue<string>() == "Ready" && c?["status"]?.GetValue<string>() == "True");

    /// <summary>The namespace controller (pkg/controller/namespace/deletion): deletes every object in the
    /// namespace, waits for its pods to be gone, then removes the namespace (its finalizer "kubernetes" done).</summary>
    private void DeleteNamespaceContent(string ns)
    {
        foreach (var resource in KubeResource.All.Where(r => r.Namespaced))
        {
            foreach (var obj in Store.List(resource, ns).Items)
                TryDelete(resource, ns, obj);
        }
        FinishNamespaceIfEmpty(ns);
    }

    private void FinishNamespaceIfEmpty(string ns)
    {
        if (Store.Get(KubeResource.Namespaces, null, ns)?["metadata"]?["deletionTimestamp"] is null)
            return;
        if (KubeResource.All.Where(r => r.Namespaced && r != KubeResource.Events).Any(r => Store.List(r, ns).Items.Count > 0))
            return;
        foreach (var ev in Store.List(KubeResource.Events, ns).Items)
            Store.Remove(KubeResource.Events, ns, ev["metadata"]!["name"]!.GetValue<string>());
        Store.Remove(KubeResource.Namespaces, null, ns);
    }

    /// <summary>Programs the kube-proxy of every node from the Services and their ready endpoints (pods of the
    /// Service's namespace matching its selector, Ready, with an IP, not terminating).</summary>
    private void SyncProxy()
    {
        var services = Store.List(KubeResource.Services, null).Items;
        var pods = Store.List(KubeResource.Pods, null).Items;
        _proxy.Sync(services.Select(s =>
        {
            var ns = s["metadata"]!["namespace"]!.GetValue<string>();
            var selector = s["spec"]?["selector"] as JsonObject;
            IReadOnlyList<(string, JsonObject)> endpoints = pods
                .Where(p => p["metadata"]!["namespace"]!.GetValue<string>() == ns && p["metadata"]!["deletionTimestamp"] is null)
                .Where(p => LabelSelector.MapMatches(selector, p["metadata"]?["labels"] as JsonObject) && IsReady(p))
                .Where(p => p["status"]?["podIP"] is not null)
                .Select(p => (p["status"]!["podIP"]!.GetValue<string>(), p))
                .ToList();
            return (s, endpoints);
        }));
    }

    public async ValueTask DisposeAsync()
    {
        Store.EndWatches();
        await _server.DisposeAsync();
        _changes.Writer.TryComplete();
        try
        {
            await _controllers.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
        }
        await Kubelet.StopAllAsync();
        _proxy.Clear();
        foreach (var left in NetworkNamespace.List().Where(n => n.StartsWith(Hosts.Prefix + "p", StringComparison.Ordinal)))
            NetworkNamespace.Delete(left, ignoreMissing: true);
        await Hosts.DisposeAsync();
        _scratch.Dispose();
    }

    /// <summary>An integer field's value whichever way the node holds it (parsed from JSON, or set here as an
    /// int, which <c>GetValue&lt;long&gt;</c> refuses); null when absent.</summary>
    public static long? Integer(JsonNode? node) =>
        node is null ? null : long.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

    /// <summary>The address of node <paramref name="node"/> (1-based) on the nodes' network.</summary>
    public static IPAddress NodeAddress(int node) => FleetHostNamespaces.AddressOf(node);
}
