using System.Text.Json.Nodes;

namespace PerfSuite.Tests.Support.KubeSim;

/// <summary>
/// Writes core/v1 Events as the components' event recorders do (client-go tools/record): one Event per distinct
/// (object, reason, message, source), named <c>OBJECT.HEX</c>, with <c>count</c> and <c>lastTimestamp</c> raised
/// when the same event repeats (the recorder's EventCorrelator aggregation). Shape from the API reference's Event
/// page (kubernetes/website content/en/docs/reference/kubernetes-api/cluster-resources/event-v1.md, core/v1 Event:
/// involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type, reportingComponent).
/// </summary>
public sealed class KubeEventRecorder(KubeObjectStore store)
{
    private readonly Dictionary<(string Uid, string Reason, string Message), string> _names = [];
    private readonly Lock _gate = new();

    /// <summary>Records <paramref name="reason"/> about <paramref name="obj"/>; <paramref name="type"/> is Normal or
    /// Warning; <paramref name="component"/> the source (kubelet, default-scheduler, daemonset-controller).</summary>
    public void Record(JsonObject obj, string type, string reason, string message, string component, string? host = null, string? fieldPath = null)
    {
        var metadata = obj["metadata"]!;
        var ns = metadata["namespace"]?.GetValue<string>() ?? "default";
        var uid = metadata["uid"]!.GetValue<string>();
        string? existing;
        lock (_gate)
            _names.TryGetValue((uid, reason, message), out existing);
        var now = KubeObjectStore.Now();
        if (existing is not null && store.TryUpdate(KubeResource.Events, ns, existing, e =>
            {
                e["count"] = (e["count"]?.GetValue<int>() ?? 1) + 1;
                e["lastTimestamp"] = now;
                return true;
            }) is not null)
            return;
        var name = $"{metadata["name"]!.GetValue<string>()}.{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 8))}";
        var involved = new JsonObject
        {
            ["kind"] = obj["kind"]?.GetValue<string>(),
            ["namespace"] = metadata["namespace"]?.GetValue<string>(),
            ["name"] = metadata["name"]!.GetValue<string>(),
            ["uid"] = uid,
            ["apiVersion"] = obj["apiVersion"]?.GetValue<string>(),
            ["resourceVersion"] = metadata["resourceVersion"]?.GetValue<string>(),
        };
        if (fieldPath is not null)
            involved["fieldPath"] = fieldPath;
        var source = new JsonObject { ["component"] = component };
        if (host is not null)
            source["host"] = host;
        var ev = new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["involvedObject"] = involved,
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = source,
            ["firstTimestamp"] = now,
            ["lastTimestamp"] = now,
            ["count"] = 1,
            ["type"] = type,
            ["eventTime"] = null,
            ["reportingComponent"] = component,
            ["reportingInstance"] = host ?? "",
        };
        try
        {
            store.Create(KubeResource.Events, ns, ev);
        }
        catch (KubeStatusException)
        {
            return; // the namespace is gone: the recorder drops the event, as the real one does
        }
        lock (_gate)
            _names[(uid, reason, message)] = name;
    }
}
