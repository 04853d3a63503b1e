using System.Globalization;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;
using PerfSuite.Model.Units;
using PerfSuite.Report.Writing;

namespace PerfSuite.Cli.Commands;

/// <summary>The table at the end of a run: per path, implementation, MTU and offload profile, the columns of the tests
/// the run measured — tcp-stream: goodput with its interval and that interval's true coverage (a range of 3 covers the
/// median 75 %), % of native and cores per Gbit; tcp-rr: p99 latency and transactions/s; tcp-crr: connections/s;
/// udp-stream: goodput with its interval, loss and jitter. One repetition prints the value alone (there is no
/// interval). Rates carry <see cref="Quantities.SignificantDigits"/> significant digits. Then what was skipped or
/// failed.</summary>
internal sealed class RunSummaryWriter(TextWriter output)
{
    public void Write(ResultsDocument document, string resultsPath, bool reportFollows)
    {
        var groups = document.Summary ?? ResultsSummarizer.Summarize(document.Cells);
        var profiles = groups.Select(g => g.Offloads).Distinct().Count();
        var columns = Columns(groups);
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"path",-16} {"impl",-9} {"MTU",5} {(profiles > 1 ? $"{"offloads",-11} " : "")}{string.Join(" ", columns.Select(c => c.Header))}").TrimEnd());
        var rows = groups
            .GroupBy(g => (g.Path, g.Impl, g.UnderlayMtu, g.Offloads))
            .OrderBy(r => r.Key.UnderlayMtu).ThenBy(r => r.Key.Offloads, StringComparer.Ordinal)
            .ThenBy(r => Model.Datapaths.Datapath.TryParse(r.Key.Path, out var d) ? Model.Datapaths.Datapath.All.ToList().IndexOf(d) : 99);
        foreach (var row in rows)
        {
            var status = row.All(g => g.Ok == 0) ? (row.Any(g => g.Skipped > 0) ? "skipped" : "failed") : null;
            var impl = row.Key.Impl == Model.Datapaths.DatapathImplementation.Kernel ? "kernel" : "userspace";
            var cells = status is null ? string.Join(" ", columns.Select(c => c.Cell(row.ToList(), groups))) : status;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Key.Path,-16} {impl,-9} {row.Key.UnderlayMtu,5} {(profiles > 1 ? $"{row.Key.Offloads,-11} " : "")}{cells}").TrimEnd());
        }
        // Say once what the intervals are: "range of 3, covers the median 75 %", never a fixed 95 %.
        foreach (var kind in groups.Where(g => g.Test is TrafficTestNames.TcpStream or TrafficTestNames.UdpStream)
                     .Select(g => Metric(g, ResultMetrics.GoodputBps.Name)).OfType<MetricSummary>()
                     .Select(m => m.N <= 1 ? CoverageText.NoInterval : $"{m.DescribeInterval()} (order statistics, distribution-free; docs/methodology.md)")
                     .Distinct())
            output.WriteLine($"interval: {kind}");
        WriteCpu(document);
        if (document.Fleet is { } pairs)
            WritePairMatrix(document, pairs);
        if (document.Environment.Peer is { } peer)
            WriteRemote(document, peer);
        var notOk = document.Cells.Where(c => c.Status != CellStatus.Ok)
            .GroupBy(c => (c.Path, c.UnderlayMtu, c.Status, c.Reason)).ToList();
        foreach (var group in notOk)
            output.WriteLine($"{group.Key.Status.ToString().ToLowerInvariant()}: {group.Key.Path} at MTU {group.Key.UnderlayMtu} ({group.Count()} cells): {group.Key.Reason}");
        if (document.Fleet is { } fleet)
            WriteFleet(fleet);
        output.WriteLine();
        output.WriteLine($"results: {resultsPath} ({document.Cells.Count} cells)");
        if (!reportFollows)
            output.WriteLine($"report:  perfsuite report {resultsPath}   (writes {ReportWriter.DefaultDirectoryFor(resultsPath)}/; or run with --report)");
    }

    /// <summary>A fleet run: the hosts that stand out, and how close each host came (its test with the smallest Holm p),
    /// so a run that names nobody still shows who was nearest and how far from the rule's thresholds.</summary>
    private void WriteFleet(FleetAnalysis fleet)
    {
        var ci = CultureInfo.InvariantCulture;
        string Describe(FleetOutlier o) =>
            string.Create(ci, $"{o.Host} as {(o.Role == FleetRole.Sender ? "sender" : "receiver")}: {o.Metric} {o.Ratio:0.000}× the fleet ({(o.Ratio - 1) * 100:+0.0;-0.0} %), ") +
            string.Create(ci, $"{o.Statistics.PeersDiffering} of {o.Statistics.Peers} peers differing, p {P(o.Statistics.PValue)}, Holm p {P(o.Statistics.AdjustedPValue)} ") +
            string.Create(ci, $"({o.Path}, MTU {o.UnderlayMtu}, {o.Offloads}, {o.Test})") +
            (o.Evidence.Count == 0 ? "" : "; differs in " + string.Join(", ", o.Evidence.Select(e => string.Create(ci, $"{e.Setting} {e.Value} ({e.MajorityHosts} of {e.Hosts}: {e.MajorityValue})"))));
        output.WriteLine(fleet.Outliers.Count == 0
            ? string.Create(ci, $"fleet: no host stands out ({fleet.Tests} tests; Holm p at most {fleet.Alpha} and at least {fleet.MinimumEffect * 100:0.#} % off the fleet)")
            : string.Create(ci, $"fleet: {fleet.Outliers.Select(o => o.Host).Distinct().Count()} host(s) stand out ({fleet.Tests} tests):"));
        foreach (var outlier in fleet.Outliers)
            output.WriteLine($"  stands out: {Describe(outlier)}");
        foreach (var closest in fleet.Closest ?? [])
            output.WriteLine($"  closest:    {Describe(closest)}");
        foreach (var note in fleet.Notes)
            output.WriteLine($"  not tested: {note}");
    }

    private static string P(double p) => p < 1e-4 ? "< 0.0001" : p.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>The columns of the tests present in the run, in the order tcp-stream, tcp-rr, tcp-crr, udp-stream; a
    /// test the run did not measure has no column.</summary>
    private static List<Column> Columns(IReadOnlyList<GroupSummary> groups)
    {
        var tests = groups.Select(g => g.Test).ToHashSet(StringComparer.Ordinal);
        var intervals = groups.Any(g => Metric(g, ResultMetrics.GoodputBps.Name) is { N: > 1 });
        var goodputHeader = intervals ? "Gbit/s [interval] coverage" : "Gbit/s";
        var goodputWidth = intervals ? 29 : 8;
        var columns = new List<Column>();
        if (tests.Contains(TrafficTestNames.TcpStream))
        {
            columns.Add(new(goodputHeader, goodputWidth, (row, _) => Interval(Metric(Find(row, TrafficTestNames.TcpStream), ResultMetrics.GoodputBps.Name))));
            columns.Add(new("% native", 8, (row, all) => Percent(
                Metric(Find(row, TrafficTestNames.TcpStream), ResultMetrics.GoodputBps.Name),
                Metric(all.FirstOrDefault(g => g.Path == "native" && g.UnderlayMtu == row[0].UnderlayMtu && g.Offloads == row[0].Offloads &&
                                               g.Test == TrafficTestNames.TcpStream), ResultMetrics.GoodputBps.Name)), Right: true));
            columns.Add(new("cores/Gbit", 10, (row, _) => Value(Metric(Find(row, TrafficTestNames.TcpStream), ResultMetrics.CoreSecondsPerGbit.Name), "0.000"), Right: true));
        }
        if (tests.Contains(TrafficTestNames.TcpRr))
        {
            columns.Add(new("p99 µs", 8, (row, _) => Value(Metric(Find(row, TrafficTestNames.TcpRr), ResultMetrics.LatencyP99.Name), "0"), Right: true));
            columns.Add(new("tx/s", 9, (row, _) => Rate(Metric(Find(row, TrafficTestNames.TcpRr), ResultMetrics.TransactionsPerSecond.Name)), Right: true));
        }
        if (tests.Contains(TrafficTestNames.TcpCrr))
            columns.Add(new("conn/s", 9, (row, _) => Rate(Metric(Find(row, TrafficTestNames.TcpCrr), ResultMetrics.ConnectionsPerSecond.Name)), Right: true));
        if (tests.Contains(TrafficTestNames.UdpStream))
        {
            columns.Add(new("UDP " + goodputHeader, goodputWidth + 4, (row, _) => Interval(Metric(Find(row, TrafficTestNames.UdpStream), ResultMetrics.GoodputBps.Name))));
            columns.Add(new("loss %", 7, (row, _) => Value(Metric(Find(row, TrafficTestNames.UdpStream), ResultMetrics.UdpLossPercent.Name), "0.00"), Right: true));
            columns.Add(new("jitter µs", 9, (row, _) => Value(Metric(Find(row, TrafficTestNames.UdpStream), ResultMetrics.UdpJitterUs.Name), "0.0"), Right: true));
        }
        return columns;
    }

    /// <summary>Where the agents ran and their receive queues were steered, the hypervisor's steal (never busy), guest time (this host's own virtual machines,
    /// inside user and nice), and the cells whose /proc/stat categories do
    /// not account for their CPUs × window (docs/methodology.md "CPU accounting"), with the reason and the worst case.</summary>
    private void WriteCpu(ResultsDocument document)
    {
        var ci = CultureInfo.InvariantCulture;
        var ok = document.Cells.Where(c => c.Status == CellStatus.Ok).ToList();
        foreach (var placement in ok.Select(c => c.Placement).OfType<CpuPlacement>().Select(p => p.Describe()).Distinct())
            output.WriteLine($"cpus: agents {placement}");
        foreach (var steering in ok.Select(c => c.Placement?.DescribeSteering()).OfType<string>().Distinct())
            output.WriteLine($"cpus: {steering}");
        var steal = ok.Select(c => c.Metrics?.CpuByCategory?.Steal).OfType<double>().ToArray();
        if (steal.Length > 0 && steal.Max() >= 0.01)
            output.WriteLine(string.Create(ci,
                $"steal: median {Model.Statistics.SampleStatistics.Median(steal):0.00} cores, up to {steal.Max():0.00}, taken by the hypervisor (shown apart, not busy)"));
        var guest = ok.Select(c => c.Metrics?.CpuByCategory?.Guest).OfType<double>().ToArray();
        if (guest.Length > 0 && guest.Max() >= 0.01)
            output.WriteLine(string.Create(ci,
                $"guest: median {Model.Statistics.SampleStatistics.Median(guest):0.00} cores, up to {guest.Max():0.00}, running this host's own virtual machines (already inside user and nice, so inside busy)"));
        var accounted = ok.Where(c => c.Metrics?.CpuAccounting is not null).ToList();
        var flagged = accounted.Where(c => !c.Metrics!.CpuAccounting!.IsComplete).ToList();
        if (flagged.Count == 0)
            return;
        var worst = flagged.MaxBy(c => Math.Abs(c.Metrics!.CpuAccounting!.Gap))!;
        output.WriteLine(string.Create(ci,
            $"cpu accounting: {flagged.Count} of {accounted.Count} cells outside {CpuAccounting.CompleteFraction * 100:0}–{CpuAccounting.OvercountFraction * 100:0} %; worst {worst.Path} {worst.Test} MTU {worst.UnderlayMtu} rep {worst.Rep}: {worst.Metrics!.CpuAccounting!.Flag}"));
    }

    /// <summary>Hosts that print their pair matrix on the console; a larger fleet's is in the report's heatmaps.</summary>
    private const int MaxMatrixHosts = 8;

    /// <summary>Fleet mode: per cell group the sender × receiver matrix of medians (goodput, else transactions/s); the
    /// outlier rule's verdict follows the failures (<see cref="WriteFleet(FleetAnalysis)"/>).</summary>
    private void WritePairMatrix(ResultsDocument document, FleetAnalysis fleet)
    {
        var ci = CultureInfo.InvariantCulture;
        var hosts = fleet.Hosts;
        if (hosts.Count > MaxMatrixHosts)
            return;
        var width = Math.Max(8, hosts.Max(h => h.Length));
        foreach (var group in document.Cells.Where(c => c.Status == CellStatus.Ok && c.Sender is not null && c.Receiver is not null)
                     .GroupBy(c => (c.Path, c.UnderlayMtu, c.Offloads, c.Test, c.Streams)))
        {
            var metric = group.Any(c => c.Metrics?.GoodputBps is not null) ? ResultMetrics.GoodputBps : ResultMetrics.TransactionsPerSecond;
            var medians = group.GroupBy(c => (c.Sender!, c.Receiver!))
                .ToDictionary(p => p.Key, p => Median(p.Select(metric.Read)));
            output.WriteLine(string.Create(ci,
                $"fleet {group.Key.Path} MTU {group.Key.UnderlayMtu} {group.Key.Offloads} {group.Key.Test}: {(metric == ResultMetrics.GoodputBps ? "Gbit/s" : metric.Unit)} by sender (row) and receiver (column), medians"));
            output.WriteLine("  " + "".PadRight(width) + string.Concat(hosts.Select(h => " " + h.PadLeft(width))));
            foreach (var sender in hosts)
                output.WriteLine("  " + sender.PadRight(width) + string.Concat(hosts.Select(receiver =>
                    " " + (sender == receiver ? "-" : medians.TryGetValue((sender, receiver), out var v) && v is { } value
                        ? metric == ResultMetrics.GoodputBps ? (value / 1e9).ToString("0.00", ci) : Quantities.FormatSignificant(value)
                        : "?").PadLeft(width))));
        }
    }

    private static GroupSummary? Find(List<GroupSummary> row, string test) => row.FirstOrDefault(g => g.Test == test);

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
                : string.Create(ci, $", {efficiency * 100:0.0}% of the {Quantities.FormatBitRate(ceiling.Value)} ceiling");
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

    /// <summary>Goodput in Gbit/s to <see cref="Quantities.SignificantDigits"/> significant digits; with more than
    /// one repetition its interval (bounds to the median's decimals) and the interval's true coverage.</summary>
    private static string Interval(MetricSummary? goodput)
    {
        if (goodput is null)
            return "-";
        var median = goodput.Median / 1e9;
        var value = Quantities.FormatSignificant(median);
        return goodput.N <= 1
            ? value
            : $"{value} [{Quantities.FormatLike(goodput.Lower / 1e9, median)}, {Quantities.FormatLike(goodput.Upper / 1e9, median)}] {CoverageText.Percent(goodput.Coverage)}";
    }

    private static string Rate(MetricSummary? summary) => summary is null ? "-" : Quantities.FormatSignificant(summary.Median);

    private static string Percent(MetricSummary? value, MetricSummary? native) =>
        value is null || native is null || native.Median <= 0
            ? "-"
            : string.Create(CultureInfo.InvariantCulture, $"{value.Median / native.Median * 100:0}%");

    private static string Value(MetricSummary? summary, string format) =>
        summary is null ? "-" : summary.Median.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>One column of the table: its header, width, and the text of a row's cell.</summary>
    private sealed record Column(string Title, int Width, Func<List<GroupSummary>, IReadOnlyList<GroupSummary>, string> Text, bool Right = false)
    {
        public string Header => Right ? Title.PadLeft(Width) : Title.PadRight(Width);

        public string Cell(List<GroupSummary> row, IReadOnlyList<GroupSummary> all)
        {
            var text = Text(row, all);
            return Right ? text.PadLeft(Width) : text.PadRight(Width);
        }
    }
}
