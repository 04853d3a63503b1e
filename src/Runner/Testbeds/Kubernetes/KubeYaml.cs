using System.Text;
using System.Text.Json;
using k8s;

namespace PerfSuite.Runner.Testbeds.Kubernetes;

/// <summary>
/// Kubernetes objects as a YAML stream (<c>kubectl apply -f</c> reads it): each object serialised by the client's
/// source-generated JSON, then written in YAML block style, one document per object. Strings are always double-quoted
/// (JSON's escapes are YAML's), so no value changes type on the way ("true", "0755", "1e3", "no" stay strings).
/// The client's own YAML serialiser is not used: its AOT build only knows the kubeconfig types.
/// </summary>
public static class KubeYaml
{
    public static string Write(IEnumerable<IKubernetesObject> objects)
    {
        var text = new StringBuilder();
        foreach (var item in objects)
        {
            text.Append("---\n");
            using var document = JsonDocument.Parse(KubernetesJson.Serialize(item));
            WriteMapping(text, document.RootElement, 0);
        }
        return text.ToString();
    }

    private static void WriteMapping(StringBuilder text, JsonElement mapping, int indent)
    {
        foreach (var property in mapping.EnumerateObject())
        {
            text.Append(' ', indent).Append(Key(property.Name)).Append(':');
            WriteValue(text, property.Value, indent);
        }
    }

    /// <summary>Writes what follows "key:" or "-": a scalar or empty collection on the same line, else a block below.</summary>
    private static void WriteValue(StringBuilder text, JsonElement value, int indent)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when value.EnumerateObject().Any():
                text.Append('\n');
                WriteMapping(text, value, indent + 2);
                break;
            case JsonValueKind.Array when value.GetArrayLength() > 0:
                text.Append('\n');
                foreach (var item in value.EnumerateArray())
                {
                    text.Append(' ', indent).Append('-');
                    if (item.ValueKind == JsonValueKind.Object && item.EnumerateObject().Any())
                    {
                        // The first key shares the dash's line; the rest align under it.
                        var block = new StringBuilder();
                        WriteMapping(block, item, indent + 2);
                        text.Append(' ').Append(block.ToString(indent + 2, block.Length - indent - 2));
                    }
                    else
                    {
                        WriteValue(text, item, indent + 2);
                    }
                }
                break;
            default:
                text.Append(' ').Append(Scalar(value)).Append('\n');
                break;
        }
    }

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "{}",
        JsonValueKind.Array => "[]",
        JsonValueKind.String => value.GetRawText(),
        JsonValueKind.Null => "null",
        _ => value.GetRawText(),
    };

    /// <summary>Keys are bare where YAML reads them back as the same string (labels like <c>app.kubernetes.io/name</c>
    /// included), quoted otherwise.</summary>
    private static string Key(string key) =>
        key.Length > 0 && char.IsAsciiLetter(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '/' or '-' or '_')
            && key.ToLowerInvariant() is not ("true" or "false" or "null" or "yes" or "no" or "on" or "off" or "y" or "n")
            ? key
            : JsonSerializer.Serialize(key, KubeYamlJsonContext.Default.String);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class KubeYamlJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
