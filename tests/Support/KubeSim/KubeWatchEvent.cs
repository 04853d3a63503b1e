using System.Text.Json.Nodes;

namespace PerfSuite.Tests.Support.KubeSim;

/// <summary>One change of the store: <c>ADDED</c>, <c>MODIFIED</c> or <c>DELETED</c>, the object after it (for
/// DELETED, the last state, at the revision of the deletion), the object before it (null for ADDED) and the revision.
/// On a watch it becomes one line <c>{"type":"ADDED","object":{…}}</c> (api-concepts.md, "Efficient detection of
/// changes"; the watch event schema io.k8s.apimachinery.pkg.apis.meta.v1.WatchEvent in the OpenAPI spec).</summary>
public sealed record KubeWatchEvent(string Type, KubeResource Resource, JsonObject Object, JsonObject? Previous, long Revision)
{
    public string? Namespace => Object["metadata"]?["namespace"]?.GetValue<string>();

    public string Name => Object["metadata"]!["name"]!.GetValue<string>();

    public string ToLine(string type) => new JsonObject { ["type"] = type, ["object"] = Object.DeepClone() }.ToJsonString();
}
