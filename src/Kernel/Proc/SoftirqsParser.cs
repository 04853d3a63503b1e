using System.Globalization;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Proc;

/// <summary>Parses the text of <c>/proc/softirqs</c>: a header of <c>CPUn</c> columns, then one row per softirq.</summary>
public static class SoftirqsParser
{
    public static SoftirqSnapshot Parse(ReadOnlySpan<char> text)
    {
        List<int>? cpus = null;
        var counts = new Dictionary<string, ulong[]>(StringComparer.Ordinal);
        foreach (var rawLine in text.EnumerateLines())
        {
            var line = rawLine.Trim();
            if (line.IsEmpty)
                continue;
            if (cpus is null)
            {
                cpus = ParseHeader(line);
                continue;
            }
            var colon = line.IndexOf(':');
            if (colon <= 0)
                throw Malformed(line);
            var values = new ulong[cpus.Count];
            var rest = line[(colon + 1)..];
            var column = 0;
            foreach (var range in rest.SplitAny(' ', '\t'))
            {
                var token = rest[range];
                if (token.IsEmpty)
                    continue;
                if (column == values.Length
                    || !ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out values[column]))
                    throw Malformed(line);
                column++;
            }
            if (column != values.Length)
                throw Malformed(line);
            counts[line[..colon].Trim().ToString()] = values;
        }
        if (cpus is null)
            throw new PerfSuiteException(ErrorReason.Protocol, "/proc/softirqs is empty");
        return new SoftirqSnapshot(cpus, counts);
    }

    private static List<int> ParseHeader(ReadOnlySpan<char> line)
    {
        var cpus = new List<int>();
        foreach (var range in line.SplitAny(' ', '\t'))
        {
            var token = line[range];
            if (token.IsEmpty)
                continue;
            if (!token.StartsWith("CPU")
                || !int.TryParse(token[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var cpu))
                throw Malformed(line);
            cpus.Add(cpu);
        }
        if (cpus.Count == 0)
            throw Malformed(line);
        return cpus;
    }

    private static PerfSuiteException Malformed(ReadOnlySpan<char> line) =>
        new(ErrorReason.Protocol, $"/proc/softirqs: cannot parse line '{line}'");
}
