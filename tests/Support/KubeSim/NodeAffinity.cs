using System.Globalization;
using System.Text.Json.Nodes;

namespace PerfSuite.Tests.Support.KubeSim;

/// <summary>
/// Whether a pod may run on a node, by the rules both the scheduler and the DaemonSet controller apply
/// (component-helpers/scheduling/corev1/nodeaffinity): every <c>nodeSelector</c> label equal, and when
/// <c>affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution</c> is set, at least one of its
/// <c>nodeSelectorTerms</c> whose <c>matchExpressions</c> (on labels: In, NotIn, Exists, DoesNotExist, Gt, Lt) and
/// <c>matchFields</c> (metadata.name only) all hold. Simulated nodes have no taints, so tolerations never matter.
/// </summary>
public static class NodeAffinity
{
    public static bool Fits(JsonObject podSpec, JsonObject node)
    {
        var labels = node["metadata"]?["labels"] as JsonObject;
        foreach (var (key, value) in podSpec["nodeSelector"]?.AsObject() ?? [])
        {
            if (labels?[key]?.GetValue<string>() != value?.GetValue<string>())
                return false;
        }
        var terms = podSpec["affinity"]?["nodeAffinity"]?["requiredDuringSchedulingIgnoredDuringExecution"]?["nodeSelectorTerms"]?.AsArray();
        if (terms is null)
            return true;
        var name = node["metadata"]!["name"]!.GetValue<string>();
        return terms.OfType<JsonObject>().Any(term =>
            (term["matchExpressions"]?.AsArray() ?? []).OfType<JsonObject>().All(e => Holds(e, labels?[Key(e)]?.GetValue<string>())) &&
            (term["matchFields"]?.AsArray() ?? []).OfType<JsonObject>().All(e => Key(e) == "metadata.name" && Holds(e, name)) &&
            (term["matchExpressions"]?.AsArray().Count > 0 || term["matchFields"]?.AsArray().Count > 0));
    }

    private static string Key(JsonObject requirement) => requirement["key"]!.GetValue<string>();

    private static bool Holds(JsonObject requirement, string? value)
    {
        var values = (requirement["values"]?.AsArray() ?? []).Select(v => v!.GetValue<string>()).ToList();
        return requirement["operator"]!.GetValue<string>() switch
        {
            "In" => value is not null && values.Contains(value),
            "NotIn" => value is null || !values.Contains(value),
            "Exists" => value is not null,
            "DoesNotExist" => value is null,
            "Gt" => long.TryParse(value, CultureInfo.InvariantCulture, out var g) && g > long.Parse(values[0], CultureInfo.InvariantCulture),
            "Lt" => long.TryParse(value, CultureInfo.InvariantCulture, out var l) && l < long.Parse(values[0], CultureInfo.InvariantCulture),
            _ => false,
        };
    }
}
