using System.Globalization;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Proc;

/// <summary>Parses the text of <c>/proc/stat</c> (proc(5)). Only the <c>cpu</c> lines are read.</summary>
public static class ProcStatParser
{
    private const int Columns = 10;

    public static ProcStatSnapshot Parse(ReadOnlySpan<char> text)
    {
        CpuTimes? total = null;
        var cpus = new List<PerCpuTimes>();
        Span<ulong> values = stackalloc ulong[Columns];
        foreach (var rawLine in text.EnumerateLines())
        {
            var line = rawLine.Trim();
            if (!line.StartsWith("cpu"))
                continue;
            var nameEnd = line.IndexOfAny(' ', '\t');
            if (nameEnd < 0)
                throw Malformed(line);
            var name = line[..nameEnd];
            ReadColumns(line[nameEnd..], values, line);
            var times = new CpuTimes(values[0], values[1], values[2], values[3], values[4],
                values[5], values[6], values[7], values[8], values[9]);
            if (name.Length == 3)
            {
                total = times;
                continue;
            }
            if (!int.TryParse(name[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var cpu))
                throw Malformed(line);
            cpus.Add(new PerCpuTimes(cpu, times));
        }
        if (total is null)
            throw new PerfSuiteException(ErrorReason.Protocol, "/proc/stat has no 'cpu' total line");
        return new ProcStatSnapshot(total.Value, cpus);
    }

    private static void ReadColumns(ReadOnlySpan<char> rest, Span<ulong> values, ReadOnlySpan<char> line)
    {
        values.Clear();
        var column = 0;
        foreach (var range in rest.SplitAny(' ', '\t'))
        {
            var token = rest[range];
            if (token.IsEmpty)
                continue;
            if (column == Columns)
                break;
            if (!ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out values[column]))
                throw Malformed(line);
            column++;
        }
        // user, nice, system and idle have been there since Linux 2.4; fewer means this is not /proc/stat.
        if (column < 4)
            throw Malformed(line);
    }

    private static PerfSuiteException Malformed(ReadOnlySpan<char> line) =>
        new(ErrorReason.Protocol, $"/proc/stat: cannot parse line '{line}'");
}
