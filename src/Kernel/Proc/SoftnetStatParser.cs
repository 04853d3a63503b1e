using System.Globalization;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Proc;

/// <summary>One row of /proc/net/softnet_stat: one online CPU's receive counters since boot.</summary>
/// <param name="Row">The row's position (the CPU number on kernels that print it in a later column).</param>
/// <param name="Processed">Packets taken from the CPU's backlog and NAPI queues.</param>
/// <param name="Dropped">Packets dropped because the input backlog held net.core.netdev_max_backlog packets.</param>
/// <param name="TimeSqueezed">Times net_rx_action stopped with work left (netdev_budget or its time limit).</param>
/// <param name="ReceivedRps">Times this CPU was woken by another's inter-processor interrupt to process packets that
/// RPS steered to it (the tenth column; 0 when the kernel prints fewer).</param>
public sealed record SoftnetCpuCounters(int Row, long Processed, long Dropped, long TimeSqueezed, long ReceivedRps = 0);

/// <summary>Parses /proc/net/softnet_stat (net/core/net-procfs.c softnet_seq_show): one line per online CPU,
/// hexadecimal columns, the first three processed, dropped and time_squeeze, the tenth received_rps. Later kernels
/// append columns; the others are not read.</summary>
public static class SoftnetStatParser
{
    public static IReadOnlyList<SoftnetCpuCounters> Parse(string text)
    {
        var rows = new List<SoftnetCpuCounters>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length < 3)
                throw new PerfSuiteException(ErrorReason.Protocol, $"softnet_stat line {rows.Count + 1} has {columns.Length} columns, expected at least 3");
            rows.Add(new SoftnetCpuCounters(rows.Count, Hex(columns[0], rows.Count), Hex(columns[1], rows.Count), Hex(columns[2], rows.Count),
                columns.Length > 9 ? Hex(columns[9], rows.Count) : 0));
        }
        return rows;
    }

    private static long Hex(string column, int row) =>
        long.TryParse(column, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new PerfSuiteException(ErrorReason.Protocol, $"softnet_stat line {row + 1}: '{column}' is not hexadecimal");
}
