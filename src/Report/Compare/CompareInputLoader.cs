using System.Globalization;
using System.Text;
using System.Text.Json;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Json;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;

namespace PerfSuite.Report.Compare;

/// <summary>Loads the inputs of <c>perfsuite compare</c>, telling results, probe snapshots and <c>ethtool -k</c>
/// dumps apart by content. An argument may name one interface after a colon (<c>nic-a.txt:enp3s0f0</c>) when
/// the file itself does not exist under the whole argument. Anything it cannot use fails with one line.</summary>
public static class CompareInputLoader
{
    public static CompareInput Load(string argument)
    {
        var (path, iface) = Split(argument);
        return Parse(InputFile.ReadAllBytes(path, ""), argument, path, iface);
    }

    /// <summary>Parses an input's bytes; <paramref name="path"/> names it in messages.</summary>
    public static CompareInput Parse(ReadOnlySpan<byte> bytes, string argument, string path, string? iface)
    {
        if (bytes.StartsWith("\uFEFF"u8))
            bytes = bytes[3..];
        var first = bytes.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0)
            throw Invalid($"{path} is empty");
        return bytes[first] is (byte)'{' or (byte)'['
            ? ParseJson(bytes, argument, path, iface)
            : ParseText(bytes, argument, path, iface);
    }

    private static CompareInput ParseJson(ReadOnlySpan<byte> bytes, string argument, string path, string? iface)
    {
        string? schema;
        try
        {
            using var document = JsonDocument.Parse(bytes.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw Invalid($"{path} is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not a PerfSuite document");
            schema = document.RootElement.TryGetProperty("schema", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        }
        catch (JsonException e)
        {
            throw Invalid($"{path} is not valid JSON: {ResultsReader.Describe(e)}");
        }
        switch (schema)
        {
            case Schemas.Results:
                return FromResults(ResultsReader.Parse(bytes, path), argument, path, iface);
            case Schemas.Probe:
                return FromProbe(ReadProbe(bytes, path), argument, path, iface);
            case null:
                throw Invalid($"{path} is JSON without a \"schema\" field, so not a PerfSuite document");
            case var other when other.StartsWith("perfsuite/results@", StringComparison.Ordinal):
                throw Invalid($"{path} has schema {other}; this PerfSuite reads {Schemas.Results}");
            case var other when other.StartsWith("perfsuite/probe@", StringComparison.Ordinal):
                throw Invalid($"{path} has schema {other}; this PerfSuite reads {Schemas.Probe}");
            default:
                throw Invalid($"{path} is a '{schema}' document; compare reads results ({Schemas.Results}), probe snapshots ({Schemas.Probe}) and ethtool -k text");
        }
    }

    private static ProbeDocument ReadProbe(ReadOnlySpan<byte> bytes, string path)
    {
        ProbeDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(bytes, StrictJson.Reading(ModelJsonContext.Default.ProbeDocument));
        }
        catch (JsonException e)
        {
            throw Invalid($"{path} is not a valid probe snapshot: {ResultsReader.Describe(e)}");
        }
        if (document?.Interfaces is null)
            throw Invalid($"{path} is not a valid probe snapshot: it has no \"interfaces\" list");
        if (document.Interfaces.Any(i => i?.Name is null || i.Features is null || i.Notes is null || i.Features.Any(f => f?.Name is null)))
            throw Invalid($"{path} is not a valid probe snapshot: an interface lacks its name, features or notes");
        return document;
    }

    /// <summary>A fleet run's interfaces are its hosts' NICs under test (and the devices under them), each qualified by
    /// its host's name (<c>node-a/ens1f0</c>); the runner's own, which carry no measured packet, are left out.</summary>
    private static CompareInput FromResults(ResultsDocument results, string argument, string path, string? iface)
    {
        var hosts = results.Environment.Hosts?.Where(h => h?.Environment?.Probe is not null).ToList();
        var fleet = hosts is { Count: > 0 };
        var interfaces = fleet
            ? hosts!.SelectMany(h => h.Environment.Probe.Where(p => p?.Interfaces is not null)
                .SelectMany(p => p.Interfaces.Select(i => ComparedInterface.FromSnapshot(i, h.Name)))).ToList()
            : results.Environment.Probe
                .Where(p => p?.Interfaces is not null)
                .SelectMany(p => p.Interfaces.Select(i => ComparedInterface.FromSnapshot(i, p.Netns ?? "host")))
                .ToList();
        var labels = results.Cells.Select(c => c.Label).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var name = labels.Count == 1 ? labels[0]
            : fleet ? $"fleet of {hosts!.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} hosts"
            : results.Environment.Hostname;
        var kernel = fleet ? string.Join(", ", hosts!.Select(h => h.Environment.Kernel).Distinct(StringComparer.Ordinal)) : results.Environment.Kernel;
        return new CompareInput(argument, path, iface, CompareInputKind.Results, name,
            fleet ? string.Join(", ", hosts!.Select(h => h.Name)) : results.Environment.Hostname,
            kernel, results, interfaces);
    }

    private static CompareInput FromProbe(ProbeDocument probe, string argument, string path, string? iface) =>
        new(argument, path, iface, CompareInputKind.Probe, probe.Hostname, probe.Hostname, probe.Kernel, null,
            probe.Interfaces.Select(i => ComparedInterface.FromSnapshot(i, probe.Netns ?? "host")).ToList());

    private static CompareInput ParseText(ReadOnlySpan<byte> bytes, string argument, string path, string? iface)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Invalid($"{path} is neither JSON nor text (it is not UTF-8); compare reads results, probe snapshots and ethtool -k text");
        }
        if (!EthtoolDumpParser.LooksLikeDump(text))
        {
            var (number, line) = FirstMeaningfulLine(text);
            throw Invalid(string.Create(CultureInfo.InvariantCulture,
                $"{path} is neither a PerfSuite JSON document (results, probe snapshot) nor ethtool -k text: line {number} reads '{Excerpt(line)}'"));
        }
        var dump = EthtoolDumpParser.Parse(text, path);
        return new CompareInput(argument, path, iface, CompareInputKind.EthtoolDump, System.IO.Path.GetFileName(path), null, null, null,
            dump.Interfaces.Select(ComparedInterface.FromDump).ToList());
    }

    /// <summary>FILE, or FILE:IFACE when the whole argument is not a file but the part before the last colon is.</summary>
    private static (string Path, string? Interface) Split(string argument)
    {
        if (File.Exists(argument))
            return (argument, null);
        var colon = argument.LastIndexOf(':');
        if (colon > 0 && colon < argument.Length - 1 && File.Exists(argument[..colon]))
            return (argument[..colon], argument[(colon + 1)..]);
        return (argument, null);
    }

    private static (int Number, string Line) FirstMeaningfulLine(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length > 0)
                return (i + 1, lines[i]);
        }
        return (1, "");
    }

    private static string Excerpt(string line)
    {
        var text = new string(line.Trim().Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    private static PerfSuiteException Invalid(string message) => new(ErrorReason.InvalidArgument, message);
}
