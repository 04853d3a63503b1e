using System.Globalization;
using PerfSuite.Model.Results;
using PerfSuite.Model.Units;
using PerfSuite.Runner;

namespace PerfSuite.Cli.Commands;

/// <summary>Progress of a run: on a terminal one line rewritten in place with the current cell and the time
/// left; otherwise (CI logs, pipes) a plain line per phase and per finished cell.</summary>
internal sealed class ConsoleRunProgress(TextWriter output, bool interactive) : IRunProgress
{
    private int _lineLength;

    public void Phase(string message)
    {
        ClearLine();
        output.WriteLine(message);
    }

    public void CellStarting(RunCellKey cell, int index, int total, TimeSpan remaining)
    {
        if (!interactive)
            return;
        var left = remaining == TimeSpan.Zero ? "" : $" — about {FormatTime(remaining)} left";
        var line = $"[{index}/{total}] {cell}{left}";
        output.Write("\r" + line.PadRight(_lineLength));
        _lineLength = line.Length;
        output.Flush();
    }

    public void CellFinished(CellResult result, int index, int total)
    {
        if (interactive && result.Status == CellStatus.Ok)
            return;
        ClearLine();
        var pair = result.Sender is null ? "" : $"{result.Sender} -> {result.Receiver} ";
        output.WriteLine($"[{index}/{total}] {pair}{result.Path} mtu {result.UnderlayMtu} {result.Offloads} {result.Test} rep {result.Rep}: {Describe(result)}");
    }

    public void Done() => ClearLine();

    internal static string Describe(CellResult result)
    {
        if (result.Status != CellStatus.Ok)
            return $"{result.Status.ToString().ToLowerInvariant()} — {result.Reason}";
        var m = result.Metrics;
        var parts = new List<string>();
        if (m?.GoodputBps is { } bps)
            parts.Add(Quantities.FormatBitRate(bps));
        if (m?.TransactionsPerSecond is { } tps)
            parts.Add(Quantities.FormatRate(tps, "tx/s"));
        if (m?.ConnectionsPerSecond is { } cps)
            parts.Add(Quantities.FormatRate(cps, "conn/s"));
        if (m?.Udp is { } udp)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"loss {udp.LossPercent:0.00} %, jitter {udp.JitterUs:0.0} µs"));
        if (m?.LatencyUs is { } latency)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"p99 {latency.P99:0} µs"));
        if (m?.BusyCores is { } cores)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{cores:0.00} cores busy"));
        return string.Join(", ", parts);
    }

    private static string FormatTime(TimeSpan t) => t.TotalMinutes >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalMinutes}m{t.Seconds:00}s")
        : string.Create(CultureInfo.InvariantCulture, $"{t.Seconds}s");

    private void ClearLine()
    {
        if (!interactive || _lineLength == 0)
            return;
        output.Write("\r" + new string(' ', _lineLength) + "\r");
        _lineLength = 0;
    }
}
