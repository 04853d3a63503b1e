using System.Globalization;
using System.Text.RegularExpressions;

namespace PerfSuite.Lab.Tests.Support;

/// <summary>The enumerators and numeric macros of a kernel UAPI header (a saved copy in Fixtures/), read the way the C
/// compiler assigns them: an enumerator without a value is one more than the previous, and <c>1U &lt;&lt; N</c> is
/// evaluated. Enough for linux/wireguard.h, so encodings are checked against the header rather than a transcription.</summary>
internal sealed partial class UapiHeader
{
    private readonly Dictionary<string, long> _values;

    private UapiHeader(Dictionary<string, long> values) => _values = values;

    public long this[string name] => _values.TryGetValue(name, out var value)
        ? value
        : throw new KeyNotFoundException($"the header defines no '{name}'");

    /// <summary>The name of the enumerator with <paramref name="value"/> among those starting with <paramref name="prefix"/>
    /// (e.g. "WGDEVICE_A_"), leaving out the __…_LAST sentinels.</summary>
    public string NameOf(string prefix, long value) =>
        _values.Where(v => v.Key.StartsWith(prefix, StringComparison.Ordinal) && v.Value == value).Select(v => v.Key).Single();

    public static UapiHeader Load(string fixture)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture));
        text = Comment().Replace(text, "");
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (Match define in Define().Matches(text))
            values[define.Groups["name"].Value] = long.Parse(define.Groups["value"].Value, CultureInfo.InvariantCulture);
        foreach (Match block in EnumBlock().Matches(text))
        {
            var next = 0L;
            foreach (var entry in block.Groups["body"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
                var value = parts.Length == 2 ? Evaluate(parts[1], values) : next;
                values[parts[0]] = value;
                next = value + 1;
            }
        }
        return new UapiHeader(values);
    }

    private static long Evaluate(string expression, Dictionary<string, long> known) =>
        expression.Split('|', StringSplitOptions.TrimEntries).Aggregate(0L, (all, term) =>
        {
            var shift = Shift().Match(term);
            return all | (shift.Success
                ? long.Parse(shift.Groups["one"].Value, CultureInfo.InvariantCulture) << int.Parse(shift.Groups["by"].Value, CultureInfo.InvariantCulture)
                : known.TryGetValue(term, out var value) ? value : long.Parse(term.TrimEnd('U'), CultureInfo.InvariantCulture));
        });

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"^#define\s+(?<name>\w+)\s+(?<value>\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex Define();

    [GeneratedRegex(@"enum\s+\w+\s*\{(?<body>[^}]*)\}", RegexOptions.Singleline)]
    private static partial Regex EnumBlock();

    [GeneratedRegex(@"^(?<one>\d+)U?\s*<<\s*(?<by>\d+)$")]
    private static partial Regex Shift();
}
