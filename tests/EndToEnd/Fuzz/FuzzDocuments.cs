using System.Text;
using System.Text.Json.Nodes;
using PerfSuite.Model.Json;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;
using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Journal;

namespace PerfSuite.EndToEnd.Tests.Fuzz;

/// <summary>Real documents, written by the product's own writers, and their mutations: every chosen field removed,
/// nulled and given another JSON type; the document cut at every sixteenth; line ends CRLF; a UTF-8 byte order mark;
/// and whole documents of the wrong kind.</summary>
internal static class FuzzDocuments
{
    /// <summary>The network namespace the fuzzed tune journals name: none of that name exists (nor do its device and
    /// sysctl key), so a rollback that gets as far as restoring changes nothing.</summary>
    public const string AbsentNamespace = "ps-hdnone";

    /// <summary>The journal of the sample lab run, interrupted after its first 12 cells; returns its path.</summary>
    public static string WriteResultsJournal(string resultsPath)
    {
        var document = SampleRun.Lab();
        using (var journal = ResultsJournal.Start(resultsPath, document.RunId, document.StartedUtc, document.CommandLine, document.Environment))
        {
            foreach (var cell in document.Cells.Take(12))
                journal.Append(cell);
        }
        return ResultsJournal.JournalPathFor(resultsPath);
    }

    /// <summary>A tune journal of two applied changes (an MTU and a sysctl) to things that do not exist, in a namespace
    /// that does not exist.</summary>
    public static void WriteTuneJournal(string path)
    {
        var probe = new ProbeDocument(Schemas.Probe, "node-a", "6.18.44", AbsentNamespace, DateTimeOffset.UnixEpoch, []);
        using var journal = TuneJournal.Create(path, AbsentNamespace, "node-a", "6.18.44", ["tune", "--apply"], probe, DateTimeOffset.UnixEpoch);
        var mtu = journal.Intend("mtu@ps-hdnone0", new MtuSetting("ps-hdnone0", 1450), new MtuSetting("ps-hdnone0", 1500));
        journal.Record(new JournalOutcome(mtu, ChangeStatus.Applied, new MtuSetting("ps-hdnone0", 1450), null));
        var sysctl = journal.Intend("sysctl@net.core.ps_hd_none", new SysctlSetting("net.core.ps_hd_none", "1"), new SysctlSetting("net.core.ps_hd_none", "0"));
        journal.Record(new JournalOutcome(sysctl, ChangeStatus.Applied, new SysctlSetting("net.core.ps_hd_none", "1"), null));
    }

    /// <summary>The mutations of <paramref name="original"/>, a JSON document or, with <paramref name="lines"/> above
    /// 0, JSON lines (a journal: each of its first <paramref name="lines"/> lines is mutated in turn), with at most
    /// <paramref name="fields"/> fields chosen per document or line, spread over all of it.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> Mutations(byte[] original, int fields, int lines = 0)
    {
        var text = Encoding.UTF8.GetString(original);
        var jsonLines = lines > 0 ? text.TrimEnd('\n').Split('\n') : [text];
        lines = Math.Max(1, lines);
        for (var line = 0; line < Math.Min(lines, jsonLines.Length); line++)
        {
            var root = JsonNode.Parse(jsonLines[line])!;
            var paths = Paths(root, []).ToList();
            var chosen = paths.Count <= fields ? paths : Enumerable.Range(0, fields).Select(i => paths[i * paths.Count / fields]).ToList();
            foreach (var path in chosen)
            {
                var name = $"line {line + 1} {string.Join('.', path)}";
                yield return ($"{name} removed", Replace(jsonLines, line, root, path, remove: true, _ => null));
                yield return ($"{name} null", Replace(jsonLines, line, root, path, remove: false, _ => null));
                yield return ($"{name} retyped", Replace(jsonLines, line, root, path, remove: false, Retype));
            }
        }
        for (var sixteenth = 0; sixteenth < 16; sixteenth++)
            yield return ($"cut at {sixteenth}/16", original[..(original.Length * sixteenth / 16)]);
        var formatted = lines == 1 && jsonLines.Length == 1 ? JsonNode.Parse(text)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) : text;
        yield return ("CRLF", Encoding.UTF8.GetBytes(formatted.ReplaceLineEndings("\r\n")));
        yield return ("BOM", [0xEF, 0xBB, 0xBF, .. original]);
        foreach (var other in new[] { "null", "[]", "{}", "0", "\"text\"", "[null]" })
            yield return ($"the document {other}", Encoding.UTF8.GetBytes(other + "\n"));
    }

    /// <summary>Every object property under <paramref name="node"/>, an array entered at its first element.</summary>
    private static IEnumerable<object[]> Paths(JsonNode? node, object[] prefix)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    object[] path = [.. prefix, key];
                    yield return path;
                    foreach (var inner in Paths(value, path))
                        yield return inner;
                }
                break;
            case JsonArray { Count: > 0 } array:
                foreach (var inner in Paths(array[0], [.. prefix, 0]))
                    yield return inner;
                break;
        }
    }

    private static byte[] Replace(string[] jsonLines, int line, JsonNode root, object[] path, bool remove, Func<JsonNode?, JsonNode?> change)
    {
        var copy = root.DeepClone();
        var parent = copy;
        foreach (var step in path[..^1])
            parent = step is int index ? parent![index] : parent![(string)step];
        var key = (string)path[^1];
        var obj = parent!.AsObject();
        if (remove)
            obj.Remove(key);
        else
            obj[key] = change(obj[key]?.DeepClone());
        var changed = jsonLines.ToArray();
        changed[line] = copy.ToJsonString();
        return Encoding.UTF8.GetBytes(string.Join('\n', changed) + "\n");
    }

    /// <summary>Another JSON type than <paramref name="value"/> has.</summary>
    private static JsonNode? Retype(JsonNode? value) => value switch
    {
        JsonObject => new JsonArray(),
        JsonArray => new JsonObject(),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => JsonValue.Create(-1e308),
        JsonValue => JsonValue.Create("\u001b[2J"),
        _ => new JsonObject(),
    };
}
