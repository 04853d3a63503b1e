using System.Globalization;
using PerfSuite.Model.Results;
using PerfSuite.Report.Writing;

namespace PerfSuite.Cli.Commands;

/// <summary>The table at the end of a run: per path, implementation, MTU and offload profile, goodput with its
/// interval and that interval's true coverage (a range of 3 covers the median 75 %), % of native, cores per Gbit, p99 latency and transactions/s; then what was skipped or failed.</summary>
internal sealed class RunSummaryWriter(TextWriter output)
{
    public void Write(ResultsDocument document, string resultsPath, bool reportFollows)
    {
        var ci = CultureInfo.InvariantCulture;
        var groups = document.Summary ?? ResultsSummarizer.Summarize(document.Cells);
        var profiles = groups.Select(g => g.Offloads).Distinct().Count();
        output.WriteLine();
        output.WriteLine(string.Create(ci,
            $"{"path",-16} {"impl",-9} {"MTU",5} {(profiles > 1 ? $"{"offloads",-11} " : "")}{"Gbit/s [interval] coverage",-29} {"% native",8} {"cores/Gbit",10} {"p99 µs",8} {"tx/s",9}"));
        var rows = groups
            .GroupBy(g => (g.Path, g.Impl, g.UnderlayMtu, g.Offloads))
            .OrderBy(r => r.Key.UnderlayMtu).ThenBy(r => r.Key.Offloads, StringComparer.Ordinal)
            .ThenBy(r => Model.Datapaths.Datapath.TryParse(r.Key.Path, out var d) ? Model.Datapaths.Datapath.All.ToList().IndexOf(d) : 99);
        foreach (var row in rows)
        {
            var stream = row.FirstOrDefault(g => g.Test == TrafficTestNames.TcpStream);
            var rr = row.FirstOrDefault(g => g.Test == TrafficTestNames.TcpRr);
            var goodput = Metric(stream, ResultMetrics.GoodputBps.Name);
            var native = groups.FirstOrDefault(g => g.Path == "native" && g.UnderlayMtu == row.Key.UnderlayMtu &&
                                                    g.Offloads == row.Key.Offloads && g.Test == TrafficTestNames.TcpStream);
            var nativeGoodput = Metric(native, ResultMetrics.GoodputBps.Name);
            var status = row.All(g => g.Ok == 0) ? (row.Any(g => g.Skipped > 0) ? "skipped" : "failed") : null;
            var impl = row.Key.Impl == Model.Datapaths.DatapathImplementation.Kernel ? "kernel" : "userspace";
            output.WriteLine(string.Create(ci,
                $"{row.Key.Path,-16} {impl,-9} {row.Key.UnderlayMtu,5} {(profiles > 1 ? $"{row.Key.Offloads,-11} " : "")}{status ?? Interval(goodput),-29} {Percent(goodput, nativeGoodput),8} {Value(Metric(stream, ResultMetrics.CoreSecondsPerGbit.Name), "0.000"),10} {Value(Metric(rr, ResultMetrics.LatencyP99.Name), "0"),8} {Value(Metric(rr, ResultMetrics.TransactionsPerSecond.Name), "N0"),9}"));
        }
        // Say once what the intervals are: "range of 3, covers the median 75 %", never a fixed 95 %.
        foreach (var kind in groups.Where(g => g.Test == TrafficTestNames.TcpStream)
                     .Select(g => Metric(g, ResultMetrics.GoodputBps.Name)).OfType<MetricSummary>()
                     .Select(m => m.DescribeInterval()).Distinct())
            output.WriteLine($"interval: {kind} (order statistics, distribution-free; docs/methodology.md)");
        if (document.Environment.Peer is { } peer)
            WriteRemote(document, peer);
        var notOk = document.Cells.Where(c => c.Status != CellStatus.Ok)
            .GroupBy(c => (c.Path, c.UnderlayMtu, c.Status, c.Reason)).ToList();
        foreach (var group in notOk)
            output.WriteLine($"{group.Key.Status.ToString().ToLowerInvariant()}: {group.Key.Path} at MTU {group.Key.UnderlayMtu} ({group.Count()} cells): {group.Key.Reason}");
        output.WriteLine();
        output.WriteLine($"results: {resultsPath} ({document.Cells.Count} cells)");
        if (!reportFollows)
            output.WriteLine($"report:  perfsuite report {resultsPath}   (writes {ReportWriter.DefaultDirectoryFor(resultsPath)}/; or run with --report)");
    }

    /// <summary>Remote mode: which hosts and interfaces, each side's CPU (the receiver usually dominates), and the
    /// efficiency against the wire when the line rate was known.</summary>
    private void WriteRemote(ResultsDocument document, RunEnvironment peer)
    {
        var ci = CultureInfo.InvariantCulture;
        var local = document.Environment;
        output.WriteLine($"remote: {local.Hostname} ({local.TrafficInterface ?? "?"}) -> {peer.Hostname} ({peer.TrafficInterface ?? "?"})");
        foreach (var test in document.Cells.Where(c => c.Status == CellStatus.Ok).GroupBy(c => c.Test))
        {
            var sender = Median(test.Select(c => c.Metrics?.SenderCpu?.BusyCores));
            var receiver = Median(test.Select(c => c.Metrics?.ReceiverCpu?.BusyCores));
            var efficiency = Median(test.Select(c => c.Efficiency));
            var ceiling = Median(test.Select(c => c.CeilingBps));
            var wire = efficiency is null || ceiling is null
                ? ""
                : string.Create(ci, $", {efficiency * 100:0.0}% of the {ceiling / 1e9:0.00} Gbit/s ceiling");
            output.WriteLine(string.Create(ci,
                $"  {test.Key}: busy cores sender {Value(sender, "0.00")}, receiver {Value(receiver, "0.00")} (medians){wire}"));
        }
    }

    private static double? Median(IEnumerable<double?> values)
    {
        var known = values.OfType<double>().ToArray();
        return known.Length == 0 ? null : Model.Statistics.SampleStatistics.Median(known);
    }

    private static string Value(double? value, string format) =>
        value is null ? "-" : value.Value.ToString(format, CultureInfo.InvariantCulture);

    private static MetricSummary? Metric(GroupSummary? group, string name) =>
        group is not null && group.Metrics.TryGetValue(name, out var summary) ? summary : null;

    private static string Interval(MetricSummary? goodput) => goodput is null
        ? "-"
        : string.Create(CultureInfo.InvariantCulture,
            $"{goodput.Median / 1e9:0.00} [{goodput.Lower / 1e9:0.00}, {goodput.Upper / 1e9:0.00}] {Model.Statistics.CoverageText.Percent(goodput.Coverage)}");

    private static string Percent(MetricSummary? value, MetricSummary? native) =>
        value is null || native is null || native.Median <= 0
            ? "-"
            : string.Create(CultureInfo.InvariantCulture, $"{value.Median / native.Median * 100:0}%");

    private static string Value(MetricSummary? summary, string format) =>
        summary is null ? "-" : summary.Median.ToString(format, CultureInfo.InvariantCulture);
}
