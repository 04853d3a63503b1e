using System.Globalization;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;
using PerfSuite.Report.Analysis;
using PerfSuite.Report.Pages;

namespace PerfSuite.Report.Writing;

/// <summary>The tables of the tests the summary against native does not hold, one per test and MTU, laid out like
/// it: the main metric's median with an interval that states its coverage, the ratio to native with Moses'
/// interval and a mark only where the difference is real, then the test's other numbers. udp-stream: goodput,
/// loss, datagram rate, jitter, CPU per Gbit; tcp-crr: connections/s, latency percentiles with the number of
/// connections they come from, CPU per million connections.</summary>
internal static class TestTables
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The section heading and table of every such test measured at <paramref name="mtu"/>; the caption
    /// that explains a test's table under its last one only.</summary>
    public static IReadOnlyList<(string Heading, PageTable Table)> For(ReportAnalysis analysis, int mtu)
    {
        var tables = new List<(string, PageTable)>();
        foreach (var test in TestRow.Tests)
        {
            var rows = analysis.TestRows.Where(r => r.Group.Test == test && r.Group.UnderlayMtu == mtu).ToList();
            if (rows.Count == 0)
                continue;
            var explain = mtu == analysis.TestRows.Where(r => r.Group.Test == test).Max(r => r.Group.UnderlayMtu);
            tables.Add(test == TrafficTestNames.UdpStream
                ? ("udp-stream: goodput and loss", UdpStream(rows, explain, UdpRate(analysis.Document.CommandLine)))
                : ("tcp-crr: connection rate", ConnectionRate(rows, explain)));
        }
        return tables;
    }

    /// <summary>The --udp-rate the run was started with, as given; null when its sender was not paced.</summary>
    private static string? UdpRate(IReadOnlyList<string> commandLine)
    {
        for (var i = 0; i < commandLine.Count; i++)
        {
            var value = commandLine[i] == "--udp-rate" && i + 1 < commandLine.Count ? commandLine[i + 1]
                : commandLine[i].StartsWith("--udp-rate=", StringComparison.Ordinal) ? commandLine[i]["--udp-rate=".Length..]
                : null;
            if (value is not null)
                return value.Trim() == "0" ? null : value;
        }
        return null;
    }

    private static PageTable UdpStream(List<TestRow> rows, bool explain, string? rate)
    {
        var shape = Shape.Of(rows);
        var jitter = rows.Any(r => r.Metric(ResultMetrics.UdpJitterUs) is not null);
        var cpu = rows.Any(r => r.Metric(ResultMetrics.CoreSecondsPerGbit) is not null);
        var goodputs = rows.Select(r => r.Main).ToList();
        var losses = rows.Select(r => r.Metric(ResultMetrics.UdpLossPercent)).ToList();

        var columns = shape.Columns();
        columns.Add(new($"Gbit/s ({CoverageText.Short(goodputs)})", true));
        columns.Add(new($"of native ({CoverageText.Short(rows.Select(r => r.VsNative))})", true));
        columns.Add(new($"loss % ({CoverageText.Short(losses)})", true));
        columns.Add(new("datagrams/s", true));
        if (jitter)
            columns.Add(new("jitter µs", true));
        if (cpu)
            columns.Add(new("core·s/Gbit", true));
        columns.Add(new("notes"));

        var table = rows.Select(row =>
        {
            var cells = shape.Cells(row);
            cells.Add(row.Main is { } g ? Interval(g, v => ReportNumbers.Gbit(v)) : NoNumbers(row));
            cells.Add(VersusNative(row));
            cells.Add(row.Metric(ResultMetrics.UdpLossPercent) is { } loss ? Interval(loss, v => ReportNumbers.Number(v, 3)) : "—");
            cells.Add(row.DatagramsPerSecond is { } rate ? ReportNumbers.Significant(rate.Median, 3) : "—");
            if (jitter)
                cells.Add(row.Metric(ResultMetrics.UdpJitterUs) is { } j ? ReportNumbers.Number(j.Median, 3) : "—");
            if (cpu)
                cells.Add(row.Metric(ResultMetrics.CoreSecondsPerGbit) is { } c ? ReportNumbers.Cores(c.Median) : "—");
            cells.Add(Notes(row));
            return new PageRow(cells, Tone(row));
        }).ToList();

        if (!explain)
            return new PageTable(columns, table, StackOnNarrow: true);
        var summaries = goodputs.Concat(losses).ToList();
        return new PageTable(columns, table, StackOnNarrow: true, Caption:
            "Gbit/s: median goodput the receiver counted (payload of the datagrams that arrived); loss: datagrams sent in the window " +
            "that never arrived; datagrams/s: datagrams received per second; " + (jitter ? "jitter: RFC 3550 interarrival jitter at the receiver; " : "") +
            (cpu ? "core·s/Gbit: busy node CPU per Gbit/s of goodput; " : "") +
            $"the interval of a median is {CoverageText.Sentence(summaries)}. Against native at the same MTU, profile and streams: Hodges–Lehmann " +
            "ratio of the repetitions with Moses' interval, ▲ ▼ only where that interval excludes 1. " + (rate is null
                ? "The sender was not paced (no --udp-rate): it sent as fast as it could, so loss says how far it outran the path's slowest stage, not how lossy the path is."
                : $"The sender was paced at {rate} bit/s of payload over all streams (--udp-rate {rate}): loss below that load is the path's own."));
    }

    private static PageTable ConnectionRate(List<TestRow> rows, bool explain)
    {
        var shape = Shape.Of(rows);
        var cpu = rows.Any(r => r.Metric(ResultMetrics.CoreSecondsPerMillionTransactions) is not null);
        var rates = rows.Select(r => r.Main).ToList();

        var columns = shape.Columns();
        columns.Add(new($"conn/s ({CoverageText.Short(rates)})", true));
        columns.Add(new($"of native ({CoverageText.Short(rows.Select(r => r.VsNative))})", true));
        columns.Add(new("p50 µs", true));
        columns.Add(new("p99 µs (n)", true));
        if (cpu)
            columns.Add(new("core·s/M conn", true));
        columns.Add(new("notes"));

        var table = rows.Select(row =>
        {
            var cells = shape.Cells(row);
            cells.Add(row.Main is { } rate ? Interval(rate, v => ReportNumbers.Significant(v, 3)) : NoNumbers(row));
            cells.Add(VersusNative(row));
            cells.Add(row.Metric(ResultMetrics.LatencyP50) is { } p50 ? ReportNumbers.Number(p50.Median, 3) : "—");
            cells.Add(row.Metric(ResultMetrics.LatencyP99) is { } p99
                ? ReportNumbers.Number(p99.Median, 3) + (row.LatencySamples is { } n ? $" ({ReportNumbers.Significant(n, 3)})" : "")
                : "—");
            if (cpu)
                cells.Add(row.Metric(ResultMetrics.CoreSecondsPerMillionTransactions) is { } c ? ReportNumbers.Number(c.Median, 3) : "—");
            cells.Add(Notes(row));
            return new PageRow(cells, Tone(row));
        }).ToList();

        if (!explain)
            return new PageTable(columns, table, StackOnNarrow: true);
        return new PageTable(columns, table, StackOnNarrow: true, Caption:
            "conn/s: connect–request–response–close cycles per second, a new TCP connection each, median over the repetitions with " +
            $"{CoverageText.Sentence(rates)}; p50 and p99 µs: each repetition's percentile of one cycle's duration, the median over the " +
            "repetitions; n: the connections each repetition's percentiles come from (1 % of them lie beyond p99)" +
            (cpu ? "; core·s/M conn: busy node CPU per million connections" : "") + ". Against native at the same MTU, profile and " +
            "connections in parallel: Hodges–Lehmann ratio of the repetitions with Moses' interval, ▲ ▼ only where that interval excludes 1.");
    }

    /// <summary>"1.10 (1.05–1.15)"; one repetition has no interval and prints the value alone.</summary>
    private static string Interval(MetricSummary summary, Func<double, string> format) =>
        summary.N <= 1 ? format(summary.Median) : $"{format(summary.Median)} ({format(summary.Lower)}–{format(summary.Upper)})";

    private static PageCell VersusNative(TestRow row) =>
        row.IsNative && row.Main is not null ? "reference"
        : row.VsNative is { } r ? $"{ReportNumbers.Percent(r.Estimate)} ({ReportNumbers.Points(r.Lower)}–{ReportNumbers.Points(r.Upper)}){Mark(row.Verdict)}"
        : "—";

    private static PageCell NoNumbers(TestRow row) => new(
        row.Group.Skipped > 0 && row.Group.Failed == 0 ? "skipped" : row.Group.Failed > 0 && row.Group.Skipped == 0 ? "failed" : "no numbers",
        PageTone.Muted);

    private static string Notes(TestRow row) => string.Join("; ", row.Flags.Select(f => f.Short).Distinct());

    private static PageTone Tone(TestRow row) =>
        row.Flags.Any(f => f.IsProblem) ? PageTone.Problem : row.Group.Ok == 0 ? PageTone.Muted : PageTone.Normal;

    private static string Mark(int verdict) => verdict switch { > 0 => " ▲", < 0 => " ▼", _ => "" };

    /// <summary>The leading columns: datapath and implementation, and offload profile and streams only when the
    /// rows differ in them.</summary>
    private sealed record Shape(bool Profiles, bool Streams)
    {
        public static Shape Of(List<TestRow> rows) => new(
            rows.Select(r => r.Group.Offloads).Distinct().Count() > 1,
            rows.Select(r => r.Group.Streams).Distinct().Count() > 1);

        public List<PageColumn> Columns()
        {
            var columns = new List<PageColumn> { new("datapath"), new("impl") };
            if (Profiles)
                columns.Add(new("offloads"));
            if (Streams)
                columns.Add(new("streams", true));
            return columns;
        }

        public List<PageCell> Cells(TestRow row)
        {
            var cells = new List<PageCell> { row.Group.Path, row.Group.Impl == DatapathImplementation.Kernel ? "kernel" : "userspace" };
            if (Profiles)
                cells.Add(row.Group.Offloads);
            if (Streams)
                cells.Add(row.Group.Streams.ToString(Invariant));
            return cells;
        }
    }
}
