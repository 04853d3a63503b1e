using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PerfSuite.Tests.Support.KubeSim;

/// <summary>
/// The REST surface of the simulated API server: paths, verbs and answers as kube-apiserver serves them for the
/// resources of <see cref="KubeResource.All"/> (the OpenAPI spec's operations: list/watch/create/deletecollection on
/// collections, read/replace/patch/delete on objects, the pods' status and log subresources, the namespaces'
/// status), bearer-token authentication, and every failure as a <see cref="KubeStatusException"/>. Object semantics are the
/// registry's (pkg/registry/…/strategy.go): defaults and validation at create, graceful deletion of pods and
/// namespaces, background cascading deletion of DaemonSets, ClusterIP allocation for Services.
/// </summary>
public sealed class KubeApiHandler(KubeObjectStore store, KubeSimulator cluster, string token)
{
    /// <summary>What <c>/version</c> answers (apimachinery version.Info); kubelets report the same gitVersion.</summary>
    public const string GitVersion = "v1.34.2";

    public async Task HandleAsync(KubeHttpRequest request, KubeHttpResponse response, CancellationToken cancel)
    {
        try
        {
            if (!request.Headers.TryGetValue("authorization", out var authorization) || authorization != $"Bearer {token}")
                throw KubeStatusException.Unauthorized();
            await RouteAsync(request, response, cancel);
        }
        catch (KubeStatusException status)
        {
            await response.SendAsync(status.Code, status.ToJson().ToJsonString(), cancel);
        }
        catch (JsonException e)
        {
            await response.SendAsync(400, KubeStatusException.BadRequest($"the body of the request was in an unknown format: {e.Message}").ToJson().ToJsonString(), cancel);
        }
    }

    private async Task RouteAsync(KubeHttpRequest request, KubeHttpResponse response, CancellationToken cancel)
    {
        // The client asks for "/version/" (its generated GetCode path); the server answers with or without the slash.
        if (request.Path.TrimEnd('/') == "/version")
        {
            await response.SendAsync(200, new JsonObject
            {
                ["major"] = "1",
                ["minor"] = "34",
                ["emulationMajor"] = "1",
                ["emulationMinor"] = "34",
                ["gitVersion"] = GitVersion,
                ["gitCommit"] = "0000000000000000000000000000000000000000",
                ["gitTreeState"] = "clean",
                ["buildDate"] = "2026-11-11T00:00:00Z",
                ["goVersion"] = "go1.24.9",
                ["compiler"] = "gc",
                ["platform"] = "linux/amd64",
            }.ToJsonString(), cancel);
            return;
        }
        var segments = request.Path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group;
        string[] rest;
        if (segments is ["api", "v1", .. var core])
            (group, rest) = ("", core);
        else if (segments is ["apis", var g, "v1", .. var other])
            (group, rest) = (g, other);
        else
            throw KubeStatusException.NoSuchPath();
        var watch = request.QueryValue("watch") is "true" or "1";
        if (rest is ["watch", .. var watched])
            (watch, rest) = (true, watched);
        string? ns = null;
        if (rest is ["namespaces", var n, var plural, ..] && KubeResource.All.Any(r => r.Namespaced && r.Group == group && r.Plural == plural))
            (ns, rest) = (n, rest[2..]);
        if (rest.Length == 0)
            throw KubeStatusException.NoSuchPath();
        var resource = KubeResource.All.FirstOrDefault(r => r.Group == group && r.Plural == rest[0]) ?? throw KubeStatusException.NoSuchPath();
        var name = rest.Length > 1 ? rest[1] : null;
        var subresource = rest.Length > 2 ? rest[2] : null;
        if (rest.Length > 3 || resource.Namespaced && ns is null && request.Method != "GET")
            throw KubeStatusException.NoSuchPath();
        if (subresource is not (null or "status" or "log") || subresource == "log" && resource != KubeResource.Pods)
            throw KubeStatusException.NoSuchPath();

        switch (request.Method, name)
        {
            case ("GET", null) when watch:
                await WatchAsync(request, response, resource, ns, cancel);
                return;
            case ("GET", null):
                await SendAsync(response, 200, List(request, resource, ns), cancel);
                return;
            case ("GET", _) when subresource == "log":
                store.Read(resource, ns, name);
                await response.SendAsync(200, cluster.Kubelet.Log(ns!, name, request.QueryValue("container")), cancel, "text/plain");
                return;
            case ("GET", _):
                await SendAsync(response, 200, store.Read(resource, ns, name), cancel);
                return;
            case ("POST", null):
                await SendAsync(response, 201, Create(resource, ns, Body(request, resource, ns)), cancel);
                return;
            case ("PUT", _):
                await SendAsync(response, 200, Replace(resource, ns, name!, Body(request, resource, ns), subresource == "status"), cancel);
                return;
            case ("PATCH", _):
                await SendAsync(response, 200, Patch(request, resource, ns, name!), cancel);
                return;
            case ("DELETE", null):
                await SendAsync(response, 200, DeleteCollection(request, resource, ns), cancel);
                return;
            case ("DELETE", _):
                var (code, answer) = Delete(request, resource, ns, name);
                await SendAsync(response, code, answer, cancel);
                return;
            default:
                throw KubeStatusException.MethodNotAllowed(request.Method, request.Path);
        }
    }

    private static Task SendAsync(KubeHttpResponse response, int code, JsonObject body, CancellationToken cancel) =>
        response.SendAsync(code, body.ToJsonString(), cancel);

    private static JsonObject Body(KubeHttpRequest request, KubeResource resource, string? ns)
    {
        if (JsonNode.Parse(request.Body) is not JsonObject body)
            throw KubeStatusException.BadRequest("the body of the request was in an unknown format");
        if (body["kind"]?.GetValue<string>() is { } kind && kind != resource.Kind)
            throw KubeStatusException.BadRequest($"the object provided is unrecognized (must be of type {resource.Kind}): kind {kind} does not match the resource");
        if (ns is not null && body["metadata"]?["namespace"]?.GetValue<string>() is { } bodyNs && bodyNs != ns)
            throw KubeStatusException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        return body;
    }

    private JsonObject List(KubeHttpRequest request, KubeResource resource, string? ns)
    {
        var (items, revision) = store.List(resource, ns, LabelSelector.Labels(request.QueryValue("labelSelector")),
            LabelSelector.Fields(request.QueryValue("fieldSelector")));
        return new JsonObject
        {
            ["kind"] = resource.ListKind,
            ["apiVersion"] = resource.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) },
            ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
        };
    }

    /// <summary>A watch: 200 with a chunked stream of watch events, one JSON object per line, until the client goes,
    /// <c>timeoutSeconds</c> pass or the server stops (api-concepts.md, "Efficient detection of changes").</summary>
    private async Task WatchAsync(KubeHttpRequest request, KubeHttpResponse response, KubeResource resource, string? ns, CancellationToken cancel)
    {
        long? since = request.QueryValue("resourceVersion") is { } rv && rv != "0"
            ? long.TryParse(rv, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw KubeStatusException.BadRequest($"invalid resourceVersion \"{rv}\"")
            : null;
        var labels = LabelSelector.Labels(request.QueryValue("labelSelector"));
        var fields = LabelSelector.Fields(request.QueryValue("fieldSelector"));
        using var life = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        if (request.QueryValue("timeoutSeconds") is { } timeout)
            life.CancelAfter(TimeSpan.FromSeconds(int.Parse(timeout, CultureInfo.InvariantCulture)));
        var events = store.Watch(resource, ns, labels, fields, since, life.Token);
        await response.StartStreamAsync(cancel);
        try
        {
            await foreach (var (type, change) in events.ReadAllAsync(life.Token))
                await response.WriteLineAsync(change.ToLine(type), cancel);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            // timeoutSeconds passed: the stream ends as the server ends it.
        }
    }

    private JsonObject Create(KubeResource resource, string? ns, JsonObject body)
    {
        var metadata = body["metadata"] as JsonObject ?? [];
        body["metadata"] = metadata;
        foreach (var field in (string[])["uid", "resourceVersion", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"])
            metadata.Remove(field);
        var name = metadata["name"]?.GetValue<string>() ?? metadata["generateName"]?.GetValue<string>() ?? "";
        KubeSimulator.Default(resource, name, body);
        return store.Create(resource, ns, body, stored => cluster.Admit(resource, stored));
    }

    /// <summary>PUT: the whole object, optimistic concurrency by metadata.resourceVersion when it is given. The
    /// main resource keeps the stored status; the status subresource keeps the stored spec and metadata.</summary>
    private JsonObject Replace(KubeResource resource, string? ns, string name, JsonObject body, bool status)
    {
        if (body["metadata"]?["name"]?.GetValue<string>() is { } bodyName && bodyName != name)
            throw KubeStatusException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        var expected = body["metadata"]?["resourceVersion"]?.GetValue<string>();
        return store.Update(resource, ns, name, current =>
        {
            var before = current.ToJsonString();
            if (status)
                current["status"] = body["status"]?.DeepClone();
            else
            {
                foreach (var (key, value) in body.Where(p => p.Key is not ("metadata" or "status" or "kind" or "apiVersion")).ToList())
                    current[key] = value?.DeepClone();
                foreach (var field in (string[])["labels", "annotations", "ownerReferences", "finalizers"])
                    current["metadata"]![field] = body["metadata"]?[field]?.DeepClone();
                if (current["metadata"]!["generation"] is not null && before != current.ToJsonString())
                    current["metadata"]!["generation"] = KubeSimulator.Integer(current["metadata"]!["generation"])!.Value + 1;
            }
            return before != current.ToJsonString();
        }, expected);
    }

    /// <summary>PATCH with a JSON merge patch (RFC 7386); a strategic merge patch is read the same way, which is
    /// what it is for maps and for the scalar fields PerfSuite changes. JSON Patch and server-side apply are not
    /// simulated (415).</summary>
    private JsonObject Patch(KubeHttpRequest request, KubeResource resource, string? ns, string name)
    {
        var type = request.Headers.GetValueOrDefault("content-type", "");
        if (!type.StartsWith("application/merge-patch+json", StringComparison.Ordinal) && !type.StartsWith("application/strategic-merge-patch+json", StringComparison.Ordinal))
            throw new KubeStatusException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/merge-patch+json, application/strategic-merge-patch+json (the simulator's subset; got {type})");
        var patch = JsonNode.Parse(request.Body) as JsonObject ?? throw KubeStatusException.BadRequest("a merge patch must be a JSON object");
        return store.Update(resource, ns, name, current =>
        {
            var before = current.ToJsonString();
            Merge(current, patch);
            return before != current.ToJsonString();
        });
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (key is "kind" or "apiVersion")
                continue;
            if (value is null)
                target.Remove(key);
            else if (value is JsonObject child && target[key] is JsonObject existing)
                Merge(existing, child);
            else
                target[key] = value.DeepClone();
        }
    }

    private (int Code, JsonObject Answer) Delete(KubeHttpRequest request, KubeResource resource, string? ns, string name)
    {
        var options = request.Body.Length > 0 ? JsonNode.Parse(request.Body) as JsonObject : null;
        var propagation = options?["propagationPolicy"]?.GetValue<string>() ?? request.QueryValue("propagationPolicy");
        long? grace = KubeSimulator.Integer(options?["gracePeriodSeconds"])
            ?? (request.QueryValue("gracePeriodSeconds") is { } g ? long.Parse(g, CultureInfo.InvariantCulture) : null);
        return cluster.Delete(resource, ns, name, propagation, grace);
    }

    private JsonObject DeleteCollection(KubeHttpRequest request, KubeResource resource, string? ns)
    {
        var (items, revision) = store.List(resource, ns, LabelSelector.Labels(request.QueryValue("labelSelector")),
            LabelSelector.Fields(request.QueryValue("fieldSelector")));
        var deleted = new JsonArray();
        foreach (var item in items)
        {
            try
            {
                var (_, answer) = cluster.Delete(resource, item["metadata"]?["namespace"]?.GetValue<string>(), item["metadata"]!["name"]!.GetValue<string>(),
                    request.QueryValue("propagationPolicy"), null);
                deleted.Add(answer["kind"]?.GetValue<string>() == "Status" ? item : answer);
            }
            catch (KubeStatusException e) when (e.Code == 404)
            {
            }
        }
        // The registry's DeleteCollection answers with the list of what it deleted (staging/src/k8s.io/apiserver
        // pkg/registry/generic/registry/store.go), though the OpenAPI spec documents a Status.
        return new JsonObject
        {
            ["kind"] = resource.ListKind,
            ["apiVersion"] = resource.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) },
            ["items"] = deleted,
        };
    }
}
