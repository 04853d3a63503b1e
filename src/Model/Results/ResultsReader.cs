using System.Text.Json;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Fleet;
using PerfSuite.Model.Json;

namespace PerfSuite.Model.Results;

/// <summary>Loads a results document for Report, Gate and Tune, refusing with one line what it cannot use: a
/// missing file, text that is not JSON (with line and column), another kind of document, an unknown version,
/// a document without cells. The journal of a run that was killed (<see cref="ResultsJournal"/>) is read as the
/// document it would have become: every finished cell, marked interrupted.</summary>
public static class ResultsReader
{
    public static ResultsDocument Load(string path)
    {
        var utf8 = InputFile.ReadAllBytes(path, "results file");
        if (!IsJournal(utf8))
            return Parse(utf8, path);
        var recovered = ResultsJournal.Recover(utf8, path);
        return recovered.Cells.Count > 0 ? recovered : throw Invalid($"results journal {path} holds no finished cell");
    }

    /// <summary>True when the first JSON value of <paramref name="utf8"/> is a results journal's header.</summary>
    public static bool IsJournal(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8))
            utf8 = utf8[3..];
        var newline = utf8.IndexOf((byte)'\n');
        var first = newline < 0 ? utf8 : utf8[..newline];
        try
        {
            var reader = new Utf8JsonReader(first);
            using var parsed = JsonDocument.ParseValue(ref reader);
            return parsed.RootElement.ValueKind == JsonValueKind.Object
                && parsed.RootElement.TryGetProperty("schema", out var s) && s.ValueKind == JsonValueKind.String
                && s.ValueEquals(Schemas.ResultsJournal);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Parses a results document from UTF-8 bytes; <paramref name="source"/> names it in messages.</summary>
    public static ResultsDocument Parse(ReadOnlySpan<byte> utf8, string source)
    {
        if (utf8.StartsWith("\uFEFF"u8))
            utf8 = utf8[3..];
        if (IsBlank(utf8))
            throw Invalid($"results file {source} is empty");

        string? schema;
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            using var parsed = JsonDocument.ParseValue(ref reader);
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
                throw Invalid($"{source} is not a PerfSuite results document (its top level is not a JSON object)");
            schema = parsed.RootElement.TryGetProperty("schema", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        }
        catch (JsonException e)
        {
            throw Invalid($"{source} is not valid JSON: {Describe(e)}");
        }

        if (schema is null)
            throw Invalid($"{source} has no \"schema\" field; it is not a PerfSuite results document");
        if (schema != Schemas.Results)
        {
            throw Invalid(schema.StartsWith("perfsuite/results@", StringComparison.Ordinal)
                ? $"{source} has schema {schema}; this PerfSuite reads {Schemas.Results}"
                : $"{source} is a '{schema}' document, not results ({Schemas.Results})");
        }

        ResultsDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(utf8, StrictJson.Reading(ResultsJsonContext.Default.ResultsDocument));
        }
        catch (JsonException e)
        {
            throw Invalid($"{source} is not a valid results document: {Describe(e)}");
        }
        if (document?.Environment is null || document.CommandLine is null)
            throw Invalid($"{source} is not a valid results document: environment or commandLine is null");
        if (document.Cells is null || document.Cells.Count == 0)
            throw Invalid($"results file {source} holds no cells");
        if (document.Cells.Any(c => c is null || c.Path is null || c.Test is null || c.Offloads is null))
            throw Invalid($"{source} is not a valid results document: a cell is null or lacks path, test or offloads");
        if (NullInside(document.Environment) is { } where)
            throw Invalid($"{source} is not a valid results document: {where}");
        // The summary is a function of the cells; one written before intervals stated their true coverage (all
        // "coverage": 0.95, bootstrap) is recomputed, not trusted.
        if (document.Summary is null || ResultsSummarizer.IsOutdated(document.Summary))
            document = document with { Summary = ResultsSummarizer.Summarize(document.Cells) };
        // Likewise the fleet section: a fleet run recovered or written without it gets it computed.
        return document.Fleet is null && FleetAnalyzer.IsFleet(document.Cells)
            ? document with { Fleet = FleetAnalyzer.Analyze(document.Cells, document.Environment) }
            : document;
    }

    /// <summary>Where <paramref name="environment"/> holds a null the strict reading cannot see (a list element or a
    /// dictionary value), or null when it holds none.</summary>
    internal static string? NullInside(RunEnvironment environment)
    {
        if (environment.Sysctls.FirstOrDefault(s => s.Value is null) is { Key: { } key })
            return $"environment.sysctls.{key} is null";
        if (environment.Probe.Any(p => p is null))
            return "an environment.probe entry is null";
        if (environment.Probe.SelectMany(p => p.Interfaces).Any(i => i is null || i.Features.Any(f => f is null) || i.Notes.Any(n => n is null)))
            return "an interface in environment.probe is null or has a null feature or note";
        if (environment.Hosts?.Any(h => h is null) == true)
            return "an environment.hosts entry is null";
        return environment.Peer is { } peer && NullInside(peer) is { } inPeer ? $"peer: {inPeer}" : null;
    }

    /// <summary>One line from a JsonException: the reason without System.Text.Json's own position suffix, then
    /// line and column counted from 1. Other readers of PerfSuite documents (compare's probe snapshots) use it too.</summary>
    public static string Describe(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
            message = message[..cut];
        message = message.ReplaceLineEndings(" ").TrimEnd('.', ' ');
        if (e.Path is { Length: > 1 } jsonPath)
            message += $" at {jsonPath}";
        return e.LineNumber is { } line
            ? $"{message} (line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1})"
            : message;
    }

    private static bool IsBlank(ReadOnlySpan<byte> utf8)
    {
        foreach (var b in utf8)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                return false;
        }
        return true;
    }

    private static PerfSuiteException Invalid(string message) => new(ErrorReason.InvalidArgument, message);
}
