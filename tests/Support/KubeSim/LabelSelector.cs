using System.Text.Json.Nodes;

namespace PerfSuite.Tests.Support.KubeSim;

/// <summary>
/// A <c>labelSelector</c> or <c>fieldSelector</c> query parameter, parsed as k8s.io/apimachinery pkg/labels/selector.go
/// and pkg/fields/selector.go read them: comma-separated requirements, each <c>key</c>, <c>!key</c>, <c>key=v</c>,
/// <c>key==v</c>, <c>key!=v</c>, <c>key in (a,b)</c> or <c>key notin (a,b)</c> (set forms only for labels). A label
/// selector tests <c>metadata.labels</c>; a field selector tests the object's fields by dotted path
/// (<c>spec.nodeName</c>, <c>involvedObject.name</c>, <c>metadata.name</c>). Empty selects everything.
/// </summary>
public sealed class LabelSelector
{
    private readonly List<Requirement> _requirements;
    private readonly bool _fields;

    private LabelSelector(List<Requirement> requirements, bool fields)
    {
        _requirements = requirements;
        _fields = fields;
    }

    private enum Operator { Exists, NotExists, Equals, NotEquals, In, NotIn }

    private sealed record Requirement(string Key, Operator Op, IReadOnlyList<string> Values);

    public static LabelSelector Labels(string? text) => Parse(text, fields: false);

    public static LabelSelector Fields(string? text) => Parse(text, fields: true);

    public bool Matches(JsonObject obj)
    {
        foreach (var r in _requirements)
        {
            var value = _fields ? FieldValue(obj, r.Key) : obj["metadata"]?["labels"]?[r.Key]?.GetValue<string>();
            var ok = r.Op switch
            {
                Operator.Exists => value is not null,
                Operator.NotExists => value is null,
                // A field that is absent reads as "" (pkg/fields: fields.Set of the object's selectable fields).
                Operator.Equals => (value ?? (_fields ? "" : null)) == r.Values[0],
                Operator.NotEquals => (value ?? (_fields ? "" : null)) != r.Values[0],
                Operator.In => value is not null && r.Values.Contains(value),
                Operator.NotIn => value is null || !r.Values.Contains(value),
                _ => false,
            };
            if (!ok)
                return false;
        }
        return true;
    }

    /// <summary>Whether a labels map (a DaemonSet's template, a Service's selector) satisfies a plain equality map:
    /// every key of <paramref name="selector"/> with the same value in <paramref name="labels"/>.</summary>
    public static bool MapMatches(JsonObject? selector, JsonObject? labels) =>
        selector is not null && selector.Count > 0 && selector.All(pair => labels?[pair.Key]?.GetValue<string>() == pair.Value?.GetValue<string>());

    private static string? FieldValue(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
            node = node?[part];
        return node switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => node.ToJsonString(),
        };
    }

    private static LabelSelector Parse(string? text, bool fields)
    {
        var requirements = new List<Requirement>();
        if (string.IsNullOrWhiteSpace(text))
            return new LabelSelector(requirements, fields);
        foreach (var term in SplitTopLevel(text))
        {
            var t = term.Trim();
            if (t.Length == 0)
                continue;
            requirements.Add(ParseTerm(t, fields));
        }
        return new LabelSelector(requirements, fields);
    }

    private static Requirement ParseTerm(string t, bool fields)
    {
        int at;
        if ((at = t.IndexOf("!=", StringComparison.Ordinal)) > 0)
            return new Requirement(t[..at].Trim(), Operator.NotEquals, [t[(at + 2)..].Trim()]);
        if ((at = t.IndexOf("==", StringComparison.Ordinal)) > 0)
            return new Requirement(t[..at].Trim(), Operator.Equals, [t[(at + 2)..].Trim()]);
        if ((at = t.IndexOf('=', StringComparison.Ordinal)) > 0)
            return new Requirement(t[..at].Trim(), Operator.Equals, [t[(at + 1)..].Trim()]);
        if (!fields)
        {
            var open = t.IndexOf('(', StringComparison.Ordinal);
            if (open > 0 && t.EndsWith(')'))
            {
                var head = t[..open].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var values = t[(open + 1)..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (head is [var key, "in"])
                    return new Requirement(key, Operator.In, values);
                if (head is [var key2, "notin"])
                    return new Requirement(key2, Operator.NotIn, values);
            }
            if (t.StartsWith('!'))
                return new Requirement(t[1..].Trim(), Operator.NotExists, []);
            if (!t.Contains(' ', StringComparison.Ordinal))
                return new Requirement(t, Operator.Exists, []);
        }
        throw KubeStatusException.BadRequest($"unable to parse requirement: {(fields ? "invalid field selector" : "found")} '{t}'");
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(')
                depth++;
            else if (text[i] == ')')
                depth--;
            else if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        yield return text[start..];
    }
}
