using System.Globalization;
using System.Net;
using k8s;
using k8s.Models;
using PerfSuite.Kernel.Processes;
using PerfSuite.Model.Errors;

namespace PerfSuite.Runner.Testbeds.Kubernetes;

/// <summary>
/// What a run does to a cluster, through the API only: checks the chosen nodes, creates the objects of
/// <see cref="KubeManifests"/>, waits for the agents to be Ready (reporting each one that is not with its pod's events),
/// and deletes the run's namespace — which deletes everything in it — at the end, or every PerfSuite namespace
/// (<c>k8s clean</c>).
/// </summary>
public sealed class KubeDeployment(KubeConnection connection)
{
    /// <summary>How long a deletion is waited for before it is reported as still under way.</summary>
    public static readonly TimeSpan DeleteWait = TimeSpan.FromSeconds(60);

    private k8s.Kubernetes Api => connection.Client;

    /// <summary>The cluster's nodes by name, with what the kubelet reports of each.</summary>
    public async Task<IReadOnlyList<V1Node>> NodesAsync(CancellationToken cancel) =>
        [.. (await Api.CoreV1.ListNodeAsync(cancellationToken: cancel)).Items];

    /// <summary>The chosen nodes, checked against the cluster: an unknown name is bad input. Null chooses every node.</summary>
    public async Task<IReadOnlyList<V1Node>> ChooseNodesAsync(IReadOnlyList<string>? names, CancellationToken cancel)
    {
        var nodes = await NodesAsync(cancel);
        if (names is null)
            return nodes.Count > 0 ? [.. nodes.OrderBy(n => n.Metadata.Name, StringComparer.Ordinal)]
                : throw new PerfSuiteException(ErrorReason.InvalidArgument, "the cluster has no nodes");
        var byName = nodes.ToDictionary(n => n.Metadata.Name, StringComparer.Ordinal);
        var unknown = names.Where(n => !byName.ContainsKey(n)).ToList();
        if (unknown.Count > 0)
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"--nodes: the cluster has no node {string.Join(", ", unknown)} (it has {string.Join(", ", byName.Keys.Order(StringComparer.Ordinal))})");
        return [.. names.Select(n => byName[n])];
    }

    /// <summary>Creates every object, in order; a namespace that already exists is refused (it is another run's).</summary>
    public async Task CreateAsync(KubeManifests manifests, CancellationToken cancel)
    {
        var ns = manifests.Spec.Run.Namespace;
        await Step($"creating namespace {ns}", () => Api.CoreV1.CreateNamespaceAsync(manifests.Namespace, cancellationToken: cancel));
        await Step("creating the token Secret", () => Api.CoreV1.CreateNamespacedSecretAsync(manifests.Secret, ns, cancellationToken: cancel));
        await Step("creating the hostNetwork agent DaemonSet", () => Api.AppsV1.CreateNamespacedDaemonSetAsync(manifests.HostAgents, ns, cancellationToken: cancel));
        foreach (var pod in manifests.PodAgents)
            await Step($"creating pod {pod.Metadata.Name}", () => Api.CoreV1.CreateNamespacedPodAsync(pod, ns, cancellationToken: cancel));
        await Step("creating the ClusterIP Service", () => Api.CoreV1.CreateNamespacedServiceAsync(manifests.Service, ns, cancellationToken: cancel));
    }

    /// <summary>The token of a run deployed earlier (<c>k8s deploy</c>), from its Secret.</summary>
    public async Task<string> ReadTokenAsync(string ns, CancellationToken cancel)
    {
        var secret = await Step($"reading the Secret {KubeManifests.SecretName} of namespace {ns}",
            () => Api.CoreV1.ReadNamespacedSecretAsync(KubeManifests.SecretName, ns, cancellationToken: cancel));
        if (secret.Data?.TryGetValue(KubeManifests.SecretKey, out var bytes) == true)
            return System.Text.Encoding.UTF8.GetString(bytes);
        if (secret.StringData?.TryGetValue(KubeManifests.SecretKey, out var text) == true)
            return text;
        throw new PerfSuiteException(ErrorReason.NotFound, $"the Secret {KubeManifests.SecretName} of namespace {ns} has no '{KubeManifests.SecretKey}'");
    }

    /// <summary>The ClusterIP of the run's Service; null when it has none (yet).</summary>
    public async Task<string?> ServiceAddressAsync(string ns, CancellationToken cancel)
    {
        var service = await Step($"reading the Service {KubeManifests.ServiceName}",
            () => Api.CoreV1.ReadNamespacedServiceAsync(KubeManifests.ServiceName, ns, cancellationToken: cancel));
        return service.Spec?.ClusterIP is { Length: > 0 } ip && ip != "None" ? ip : null;
    }

    /// <summary>The run of namespace <paramref name="ns"/>, when it exists and a PerfSuite run made it; null when it does not exist.</summary>
    public async Task<KubeRunName?> FindRunAsync(string ns, CancellationToken cancel)
    {
        V1Namespace found;
        try
        {
            found = await Api.CoreV1.ReadNamespaceAsync(ns, cancellationToken: cancel);
        }
        catch (Exception e) when (KubeConnection.Is(e, HttpStatusCode.NotFound))
        {
            return null;
        }
        var labels = found.Metadata.Labels ?? new Dictionary<string, string>();
        if (!labels.TryGetValue(KubeRunName.ManagedByLabel, out var by) || by != KubeRunName.ManagedByValue || !labels.TryGetValue(KubeRunName.RunLabel, out var id))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"namespace {ns} exists and is not a PerfSuite run's");
        return new KubeRunName(id, ns);
    }

    /// <summary>Waits until every agent of <paramref name="manifests"/> is Ready or <paramref name="timeout"/> passes; each
    /// one still not Ready then carries the reason: its phase, its containers' waiting or terminated states, and its events.</summary>
    public async Task<KubeReadiness> WaitReadyAsync(KubeManifests manifests, TimeSpan timeout, CancellationToken cancel)
    {
        var run = manifests.Spec.Run;
        var nodes = manifests.Spec.Nodes;
        var watch = new KubePodWatch(connection, run.Namespace, $"{KubeRunName.RunLabel}={run.RunId}");
        var podNames = manifests.PodAgents.Select(p => p.Metadata.Name).ToList();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        try
        {
            await watch.WaitAsync(pods => nodes.All(n => HostAgentOn(pods, n) is { } p && IsReady(p))
                && podNames.All(name => pods.FirstOrDefault(p => p.Metadata.Name == name) is { } p && IsReady(p)), deadline.Token);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            // The timeout: whatever is not Ready now fails with its reason below.
        }
        catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException or IOException)
        {
            throw new PerfSuiteException(ErrorReason.Failed, $"waiting for the agents in namespace {run.Namespace}: {KubeConnection.Describe(e)}");
        }
        var pods = watch.Pods;
        var hosts = new List<KubeAgentPod>();
        foreach (var node in nodes)
        {
            var pod = HostAgentOn(pods, node);
            hosts.Add(pod is not null
                ? await AgentOf(pod, node, pod.Status?.HostIP, timeout, cancel)
                : new KubeAgentPod(null, node, null, $"no hostNetwork agent pod was created on node {node} within {Seconds(timeout)}; "
                    + await EventsAsync(run.Namespace, KubeManifests.HostAgentsName, cancel)));
        }
        var podAgents = new List<KubeAgentPod>();
        foreach (var manifest in manifests.PodAgents)
        {
            var node = manifest.Metadata.Annotations[KubeManifests.NodeAnnotation];
            var pod = pods.FirstOrDefault(p => p.Metadata.Name == manifest.Metadata.Name);
            podAgents.Add(pod is not null
                ? await AgentOf(pod, node, pod.Status?.PodIP, timeout, cancel)
                : new KubeAgentPod(manifest.Metadata.Name, node, null, $"pod {manifest.Metadata.Name} does not exist"));
        }
        return new KubeReadiness(hosts, podAgents);
    }

    /// <summary>Deletes namespace <paramref name="ns"/> (and so every object in it) and waits up to <see cref="DeleteWait"/>
    /// for it to be gone; false when it is still being deleted then.</summary>
    public async Task<bool> DeleteAsync(string ns, CancellationToken cancel)
    {
        try
        {
            await Api.CoreV1.DeleteNamespaceAsync(ns, new V1DeleteOptions { PropagationPolicy = "Foreground" }, cancellationToken: cancel);
        }
        catch (Exception e) when (KubeConnection.Is(e, HttpStatusCode.NotFound))
        {
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException or IOException)
        {
            throw new PerfSuiteException(ErrorReason.Failed, $"deleting namespace {ns}: {KubeConnection.Describe(e)}");
        }
        var until = DateTime.UtcNow + DeleteWait;
        while (DateTime.UtcNow < until)
        {
            try
            {
                await Api.CoreV1.ReadNamespaceAsync(ns, cancellationToken: cancel);
            }
            catch (Exception e) when (KubeConnection.Is(e, HttpStatusCode.NotFound))
            {
                return true;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancel);
        }
        return false;
    }

    /// <summary>Every namespace any PerfSuite run created (label <see cref="KubeRunName.ManagedSelector"/>).</summary>
    public async Task<IReadOnlyList<V1Namespace>> RunsAsync(CancellationToken cancel) =>
        [.. (await Step("listing PerfSuite namespaces", () => Api.CoreV1.ListNamespaceAsync(labelSelector: KubeRunName.ManagedSelector, cancellationToken: cancel))).Items];

    /// <summary>Whether <paramref name="ns"/> was left by a runner on this host that has ended (killed before it could
    /// delete it): such a leftover is safe to delete; one from another host or a live runner is not.</summary>
    public static bool IsLeftOfDeadRunner(V1Namespace ns)
    {
        if (ns.Metadata.Annotations is not { } annotations || !annotations.TryGetValue(KubeRunName.RunnerAnnotation, out var runner))
            return false;
        var parts = runner.Split(' ');
        return parts is [var host, "pid", var identity] && host == Environment.MachineName
            && ProcessIdentity.TryParse(identity) is { } process && !process.IsAlive;
    }

    /// <summary>This process as a namespace's runner annotation names it.</summary>
    public static string ThisRunner() => $"{Environment.MachineName} pid {ProcessIdentity.Current.ToArgument()}";

    /// <summary>The events of object <paramref name="name"/>, oldest first, in one line (at most the last eight).</summary>
    public async Task<string> EventsAsync(string ns, string name, CancellationToken cancel)
    {
        try
        {
            var events = await Api.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: $"involvedObject.name={name}", cancellationToken: cancel);
            var lines = events.Items
                .OrderBy(e => e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? DateTime.MinValue)
                .Select(e => e.Count is > 1 ? $"{e.Reason}: {e.Message} (×{e.Count})" : $"{e.Reason}: {e.Message}")
                .TakeLast(8).ToList();
            return lines.Count == 0 ? $"{name} has no events" : $"events of {name}: {string.Join("; ", lines)}";
        }
        catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException or IOException)
        {
            return $"the events of {name} could not be read ({KubeConnection.Describe(e)})";
        }
    }

    private async Task<KubeAgentPod> AgentOf(V1Pod pod, string node, string? address, TimeSpan timeout, CancellationToken cancel)
    {
        if (IsReady(pod) && address is not null)
            return new KubeAgentPod(pod.Metadata.Name, node, address, null);
        var states = (pod.Status?.ContainerStatuses ?? []).Select(c =>
            c.State?.Waiting is { } waiting ? $"container {c.Name} waiting: {waiting.Reason}{(waiting.Message is null ? "" : " (" + waiting.Message + ")")}"
            : c.State?.Terminated is { } ended ? string.Create(CultureInfo.InvariantCulture, $"container {c.Name} terminated: {ended.Reason} exit {ended.ExitCode}")
            : c.Ready ? null : $"container {c.Name} running, not ready").OfType<string>();
        var state = string.Join(", ", [$"phase {pod.Status?.Phase ?? "unknown"}", .. states]);
        var events = await EventsAsync(pod.Metadata.NamespaceProperty ?? "", pod.Metadata.Name, cancel);
        return new KubeAgentPod(pod.Metadata.Name, node, null, $"pod {pod.Metadata.Name} on node {node} not Ready within {Seconds(timeout)} ({state}); {events}");
    }

    private static V1Pod? HostAgentOn(IEnumerable<V1Pod> pods, string node) =>
        pods.FirstOrDefault(p => p.Metadata.Labels?.TryGetValue(KubeRunName.RoleLabel, out var role) == true && role == KubeManifests.HostRole
            && p.Spec?.NodeName == node && p.Metadata.DeletionTimestamp is null);

    private static bool IsReady(V1Pod pod) =>
        pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static string Seconds(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0} s");

    private static async Task<T> Step<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (KubeConnection.Is(e, HttpStatusCode.Conflict))
        {
            throw new PerfSuiteException(ErrorReason.Busy, $"{what}: it already exists ({KubeConnection.Describe(e)})");
        }
        catch (Exception e) when (e is HttpRequestException or k8s.Autorest.HttpOperationException or IOException)
        {
            throw new PerfSuiteException(ErrorReason.Failed, $"{what}: {KubeConnection.Describe(e)}");
        }
    }
}
