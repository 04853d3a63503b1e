using System.Globalization;
using PerfSuite.Model.Ceiling;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Report.Analysis;

/// <summary>Turns a results document into a <see cref="ReportAnalysis"/>.</summary>
public static class ReportAnalyzer
{
    /// <summary>A coefficient of variation above this makes a flag (issue 5).</summary>
    public const double HighCv = 0.10;

    /// <summary>The level asked of every comparison the report computes (Hodges–Lehmann with Moses' interval). With few
    /// repetitions no such interval reaches it (three a side: at most 90 %); the interval then records, and the report
    /// prints, the coverage it has.</summary>
    public const double Confidence = 0.95;

    private static readonly ResultMetric[] VariationMetrics =
    [
        ResultMetrics.GoodputBps, ResultMetrics.CoreSecondsPerGbit, ResultMetrics.TransactionsPerSecond,
        ResultMetrics.LatencyP99, ResultMetrics.ConnectionsPerSecond,
    ];

    public static ReportAnalysis Analyze(ResultsDocument document)
    {
        // Summarised from the cells with this version's statistics rather than taken from the file: the intervals
        // and their stated coverage are then the current method's, also for a file written by an older version.
        var groups = ResultsSummarizer.Summarize(document.Cells);
        var cellsByGroup = document.Cells.GroupBy(CellGroupKey.Of).ToDictionary(g => g.Key, g => (IReadOnlyList<CellResult>)g.ToList());

        var profiles = groups.Select(g => g.Offloads).Distinct().ToList();
        var baseProfile = profiles.Contains("default") ? "default" : profiles[0];
        profiles.Remove(baseProfile);
        profiles.Insert(0, baseProfile);
        var mtus = groups.Select(g => g.UnderlayMtu).Distinct().Order().ToList();
        int? primaryStreams = groups.Where(g => g.Test == TrafficTestNames.TcpStream)
            .GroupBy(g => g.Streams).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => (int?)g.Key).FirstOrDefault();
        var lineRate = LineRateDetector.Detect(document);

        var rows = BuildRows(groups, cellsByGroup, lineRate, profiles);
        var comparisons = CompareProfiles(rows, cellsByGroup, baseProfile);

        var flags = new List<ReportFlag>();
        if (document.Interrupted)
        {
            flags.Add(new ReportFlag(ReportFlagKind.Interrupted, "run",
                "The run did not finish: this report shows the cells recovered from its journal; the cells it never reached are missing.",
                "interrupted"));
        }
        flags.AddRange(rows.SelectMany(r => r.Flags));
        var distinctFlags = flags.DistinctBy(f => (f.Kind, f.Subject, f.Message)).OrderBy(f => f.Kind).ToList();

        var analysis = new ReportAnalysis(document, groups, lineRate, baseProfile, profiles, mtus, primaryStreams, rows,
            comparisons, distinctFlags, [])
        { TestRows = BuildTestRows(groups, cellsByGroup, profiles, distinctFlags) };
        return analysis with { Findings = ReportFindings.Compute(analysis) };
    }

    private static List<DatapathRow> BuildRows(IReadOnlyList<GroupSummary> groups,
        Dictionary<CellGroupKey, IReadOnlyList<CellResult>> cellsByGroup, LineRate? lineRate, IReadOnlyList<string> profiles)
    {
        var rows = new List<DatapathRow>();
        foreach (var byPath in groups.GroupBy(g => (g.Path, g.Impl, g.UnderlayMtu, g.Offloads)))
        {
            var all = byPath.ToList();
            var (path, impl, mtu, offloads) = byPath.Key;
            var streamGroups = all.Where(g => g.Test == TrafficTestNames.TcpStream).OrderBy(g => g.Streams).ToList();
            var requestResponse = all.Where(g => g.Test == TrafficTestNames.TcpRr).OrderBy(g => g.Streams).FirstOrDefault();
            Datapath? datapath = Datapath.TryParse(path, out var known) ? known : null;
            var podMtu = all.Select(g => g.PodMtu).FirstOrDefault(m => m is not null);

            foreach (var stream in streamGroups.Count > 0 ? streamGroups.Cast<GroupSummary?>() : [null])
            {
                var streamCells = stream is null ? [] : cellsByGroup[CellGroupKey.Of(stream)];
                var ceiling = Ceiling(streamCells, datapath, mtu, podMtu, lineRate);
                var goodput = DatapathRow.Metric(stream, ResultMetrics.GoodputBps);
                var efficiency = DatapathRow.Metric(stream, ResultMetrics.Efficiency)?.Median
                    ?? (goodput is not null && ceiling is > 0 ? goodput.Median / ceiling : null);
                var row = new DatapathRow(path, impl, mtu, offloads, stream?.Streams, datapath, podMtu, stream, requestResponse, all,
                    NativeFraction: null, CpuPerGbitRatio: null, WireTax: null, ceiling, efficiency, Cpu(streamCells), []);
                rows.Add(row);
            }
        }

        // Ratios against native need every row built first.
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var native = rows.FirstOrDefault(r => r.Path == Datapath.Native.Name && r.Impl == DatapathImplementation.Kernel
                && r.UnderlayMtu == row.UnderlayMtu && r.Offloads == row.Offloads && r.Streams == row.Streams && r.Stream is not null);
            double? fraction = row.Goodput is { } g && native?.Goodput is { Median: > 0 } n ? g.Median / n.Median : null;
            double? cpuRatio = row.CoreSecondsPerGbit is { } c && native?.CoreSecondsPerGbit is { Median: > 0 } nc ? c.Median / nc.Median : null;
            rows[i] = row with
            {
                NativeFraction = fraction,
                CpuPerGbitRatio = cpuRatio,
                WireTax = WireTax(row, native),
                VsNative = CompareWithNative(row, native, rows, cellsByGroup),
                LatencySamples = LatencySamples(row.RequestResponse, cellsByGroup),
            };
            rows[i] = rows[i] with { Flags = RowFlags(rows[i], cellsByGroup, lineRate) };
        }

        return rows
            .OrderBy(r => r.UnderlayMtu)
            .ThenBy(r => profiles.ToList().IndexOf(r.Offloads))
            .ThenBy(r => r.Streams ?? int.MaxValue)
            .ThenBy(r => DatapathLabels.SortKey(r.Path, r.Impl))
            .ToList();
    }

    /// <summary>The rows of the udp-stream and tcp-crr tables: every group of those tests, its main metric against
    /// native's group of the same test, MTU, profile and streams.</summary>
    private static List<TestRow> BuildTestRows(IReadOnlyList<GroupSummary> groups,
        Dictionary<CellGroupKey, IReadOnlyList<CellResult>> cellsByGroup, IReadOnlyList<string> profiles, IReadOnlyList<ReportFlag> flags)
    {
        var rows = new List<TestRow>();
        foreach (var group in groups.Where(g => TestRow.Tests.Contains(g.Test)))
        {
            var cells = cellsByGroup[CellGroupKey.Of(group)];
            var native = groups.FirstOrDefault(g => g.Path == Datapath.Native.Name && g.Impl == DatapathImplementation.Kernel
                && g.UnderlayMtu == group.UnderlayMtu && g.Offloads == group.Offloads && g.Test == group.Test && g.Streams == group.Streams);
            var vsNative = native is null || ReferenceEquals(native, group)
                ? null
                : Ratio(cellsByGroup[CellGroupKey.Of(native)], cells, TestRow.MainMetricOf(group.Test));
            var subject = CellGroupKey.Of(group).ToString();
            rows.Add(new TestRow(group, vsNative,
                group.Test == TrafficTestNames.UdpStream ? DatagramsPerSecond(cells) : null,
                group.Test == TrafficTestNames.TcpCrr ? LatencySamples(group, cellsByGroup) : null,
                flags.Where(f => f.Subject == subject).ToList()));
        }
        return rows
            .OrderBy(r => TestRow.Tests.ToList().IndexOf(r.Group.Test))
            .ThenBy(r => r.Group.UnderlayMtu)
            .ThenBy(r => profiles.ToList().IndexOf(r.Group.Offloads))
            .ThenBy(r => r.Group.Streams)
            .ThenBy(r => DatapathLabels.SortKey(r.Group.Path, r.Group.Impl))
            .ToList();
    }

    /// <summary>Datagrams the receiver counted per second of the window, summarised over the ok repetitions.</summary>
    private static MetricSummary? DatagramsPerSecond(IReadOnlyList<CellResult> cells)
    {
        var rates = cells
            .Where(c => c.Status == CellStatus.Ok && c.DurationSeconds > 0 && c.Metrics?.Udp is not null)
            .Select(c => c.Metrics!.Udp!.DatagramsReceived / c.DurationSeconds)
            .ToArray();
        return rates.Length == 0 ? null : ResultsSummarizer.SummarizeValues(rates);
    }

    /// <summary>Hodges–Lehmann ratios (goodput, CPU per Gbit) and shift (p99) of the row against native's
    /// repetitions; null for native itself, or when the run has no native to compare with.</summary>
    private static NativeComparison? CompareWithNative(DatapathRow row, DatapathRow? native, List<DatapathRow> rows,
        Dictionary<CellGroupKey, IReadOnlyList<CellResult>> cellsByGroup)
    {
        if (IsNative(row))
            return null;
        ConfidenceInterval? goodput = null, cpu = null;
        if (native?.Stream is { } nativeStream && row.Stream is { } stream)
        {
            goodput = Ratio(cellsByGroup[CellGroupKey.Of(nativeStream)], cellsByGroup[CellGroupKey.Of(stream)], ResultMetrics.GoodputBps);
            cpu = Ratio(cellsByGroup[CellGroupKey.Of(nativeStream)], cellsByGroup[CellGroupKey.Of(stream)], ResultMetrics.CoreSecondsPerGbit);
        }
        // Latency has no stream count of its own in a row: native's tcp-rr at the same MTU and profile.
        var nativeRr = (native ?? rows.FirstOrDefault(r => IsNative(r) && r.UnderlayMtu == row.UnderlayMtu && r.Offloads == row.Offloads))?.RequestResponse;
        ConfidenceInterval? latency = null;
        double? resolution = null;
        if (nativeRr is not null && row.RequestResponse is { } rr)
        {
            var a = Values(cellsByGroup[CellGroupKey.Of(nativeRr)], ResultMetrics.LatencyP99);
            var b = Values(cellsByGroup[CellGroupKey.Of(rr)], ResultMetrics.LatencyP99);
            if (a.Length > 0 && b.Length > 0)
            {
                latency = HodgesLehmann.Shift(a, b, Confidence);
                resolution = LatencyResolution.OfDifferenceUs(SampleStatistics.Median(a), SampleStatistics.Median(b));
            }
        }
        return goodput is null && cpu is null && latency is null ? null : new NativeComparison(goodput, cpu, latency, resolution);
    }

    private static double? LatencySamples(GroupSummary? requestResponse, Dictionary<CellGroupKey, IReadOnlyList<CellResult>> cellsByGroup)
    {
        if (requestResponse is null)
            return null;
        var counts = cellsByGroup[CellGroupKey.Of(requestResponse)]
            .Where(c => c.Status == CellStatus.Ok && (c.Metrics?.TransactionsPerSecond ?? c.Metrics?.ConnectionsPerSecond) is > 0 && c.Metrics!.LatencyUs is not null)
            .Select(c => (c.Metrics!.TransactionsPerSecond ?? c.Metrics.ConnectionsPerSecond)!.Value * c.DurationSeconds)
            .ToArray();
        return counts.Length == 0 ? null : SampleStatistics.Median(counts);
    }

    internal static bool IsNative(DatapathRow row) => row.Path == Datapath.Native.Name && row.Impl == DatapathImplementation.Kernel;

    private static double? Ceiling(IReadOnlyList<CellResult> cells, Datapath? datapath, int mtu, int? podMtu, LineRate? lineRate)
    {
        var recorded = cells.Where(c => c.Status == CellStatus.Ok && c.CeilingBps is > 0).Select(c => c.CeilingBps!.Value).ToArray();
        if (recorded.Length > 0)
            return SampleStatistics.Median(recorded);
        if (lineRate is null || datapath is null)
            return null;
        try
        {
            return GoodputCeiling.Compute(datapath, new CeilingInputs(lineRate.Bps, mtu, PodMtuOverride: podMtu)).GoodputBps;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>1 − ceiling(path) / ceiling(native) at the MTUs the pods really had. The line rate cancels out.</summary>
    private static double? WireTax(DatapathRow row, DatapathRow? native)
    {
        if (row.Datapath is null)
            return null;
        try
        {
            var inputs = new CeilingInputs(1e9, row.UnderlayMtu, PodMtuOverride: row.PodMtu);
            var path = GoodputCeiling.Compute(row.Datapath, inputs).GoodputBps;
            var reference = GoodputCeiling.Compute(Datapath.Native, inputs with { PodMtuOverride = native?.PodMtu }).GoodputBps;
            return 1 - path / reference;
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static CpuBreakdown? Cpu(IReadOnlyList<CellResult> cells)
    {
        var samples = cells
            .Where(c => c.Status == CellStatus.Ok && c.Metrics?.CpuByCategory is { Busy: > 0 })
            .Select(c => c.Metrics!.CpuByCategory!)
            .ToList();
        if (samples.Count == 0)
            return null;
        var medians = CpuBreakdown.Categories
            .Select(category => (category, share: SampleStatistics.Median(samples.Select(s => Category(s, category) / s.Busy).ToArray())))
            .ToList();
        var total = medians.Sum(m => m.share);
        return total > 0 ? new CpuBreakdown(medians.Select(m => new CpuShare(m.category, m.share / total)).ToList()) : null;
    }

    private static double Category(CpuByCategory cpu, string category) => category switch
    {
        "user" => cpu.User,
        "nice" => cpu.Nice,
        "system" => cpu.System,
        "irq" => cpu.Irq,
        "softirq" => cpu.Softirq,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "not a busy CPU category"),
    };

    private static List<ReportFlag> RowFlags(DatapathRow row, Dictionary<CellGroupKey, IReadOnlyList<CellResult>> cellsByGroup, LineRate? lineRate)
    {
        var flags = new List<ReportFlag>();
        var ci = CultureInfo.InvariantCulture;
        var groups = row.Groups.Where(g => g.Test != TrafficTestNames.TcpStream || g.Streams == row.Streams).ToList();
        foreach (var group in groups)
        {
            var subject = CellGroupKey.Of(group).ToString();
            var cells = cellsByGroup[CellGroupKey.Of(group)];
            var total = cells.Count;
            if (group.Failed > 0)
            {
                flags.Add(new ReportFlag(ReportFlagKind.Failed, subject,
                    string.Create(ci, $"{group.Failed} of {total} repetitions failed: {Reasons(cells, CellStatus.Failed)}."),
                    string.Create(ci, $"{group.Failed} failed"), group.Failed / (double)total));
            }
            if (group.Skipped > 0)
            {
                flags.Add(new ReportFlag(ReportFlagKind.Skipped, subject,
                    string.Create(ci, $"{group.Skipped} of {total} repetitions skipped: {Reasons(cells, CellStatus.Skipped)}."),
                    group.Skipped == total ? "skipped" : string.Create(ci, $"{group.Skipped} skipped"), group.Skipped / (double)total));
            }
            var noisy = VariationMetrics
                .Select(m => (metric: m, summary: DatapathRow.Metric(group, m)))
                .Where(x => x.summary is { Cv: > HighCv })
                .ToList();
            if (noisy.Count > 0)
            {
                var worst = noisy.MaxBy(x => x.summary!.Cv!.Value);
                var list = string.Join(", ", noisy.Select(x => $"{MetricLabel(x.metric)} CV {ReportNumbers.Percent(x.summary!.Cv!.Value)}"));
                flags.Add(new ReportFlag(ReportFlagKind.HighVariation, subject,
                    string.Create(ci, $"The repetitions disagree ({list} over {group.Ok} repetitions, above {ReportNumbers.Percent(HighCv)}): differences smaller than that are noise."),
                    $"{ShortMetricLabel(worst.metric)} CV {ReportNumbers.Percent(worst.summary!.Cv!.Value)}",
                    worst.summary!.Cv!.Value, $"{MetricLabel(worst.metric)} CV {ReportNumbers.Percent(worst.summary.Cv.Value)}"));
            }
            var retransmits = DatapathRow.Metric(group, ResultMetrics.Retransmits);
            if (retransmits is { Max: > 0 })
            {
                var efficiency = DatapathRow.Metric(group, ResultMetrics.TcpEfficiencyPercent) is { } te
                    ? string.Create(ci, $"; TCP efficiency {ReportNumbers.Number(te.Median, 4)} %") : "";
                flags.Add(new ReportFlag(ReportFlagKind.Retransmits, subject,
                    $"TCP retransmitted segments: median {ReportNumbers.Count(retransmits.Median)} per repetition, up to {ReportNumbers.Count(retransmits.Max)}{efficiency}.",
                    $"{ReportNumbers.Count(retransmits.Median)} retransmits", retransmits.Median,
                    $"median {ReportNumbers.Count(retransmits.Median)} retransmitted segments per repetition"));
            }
            var unaccounted = cells.Where(c => c.Status == CellStatus.Ok && c.Metrics?.CpuAccounting is { IsComplete: false }).ToList();
            if (unaccounted.Count > 0)
            {
                var worst = unaccounted.Select(c => c.Metrics!.CpuAccounting!).MaxBy(a => Math.Abs(a.Gap))!;
                flags.Add(new ReportFlag(ReportFlagKind.CpuAccounting, subject,
                    string.Create(ci, $"In {unaccounted.Count} of {total} repetitions the {worst.Flag}."),
                    string.Create(ci, $"{group.Test} CPU {worst.AccountedFraction * 100:0} % accounted"), Math.Abs(worst.Gap),
                    string.Create(ci, $"{worst.AccountedFraction * 100:0.0} % of CPUs × window accounted, busy {worst.BusyLow:0.00}–{worst.BusyHigh:0.00} cores")));
            }
            var observed = cells.Where(c => c.ObservedPathMtu is not null && c.PodMtu is not null && c.ObservedPathMtu != c.PodMtu).ToList();
            if (observed.Count > 0)
            {
                var first = observed[0];
                flags.Add(new ReportFlag(ReportFlagKind.PathMtu, subject,
                    string.Create(ci, $"The connection's path MTU was {first.ObservedPathMtu} in {observed.Count} of {total} repetitions, not the pod MTU {first.PodMtu}: a route MTU or a device on the path differs."),
                    string.Create(ci, $"path MTU {first.ObservedPathMtu}"), Math.Abs((double)(first.PodMtu!.Value - first.ObservedPathMtu!.Value))));
            }
        }

        var rowSubject = RowSubject(row);
        if (row.Impl == DatapathImplementation.Userspace && row.Ok > 0)
        {
            flags.Add(new ReportFlag(ReportFlagKind.Userspace, row.Label,
                $"{row.Path} ran as a userspace implementation because this kernel lacks the module: its CPU cost and goodput are not those of the kernel datapath.",
                "userspace"));
        }
        if (row.Datapath is not null && row.PodMtu is { } pod && pod != row.Datapath.PodMtu(row.UnderlayMtu))
        {
            var expected = row.Datapath.PodMtu(row.UnderlayMtu);
            flags.Add(new ReportFlag(ReportFlagKind.PodMtu, rowSubject,
                string.Create(ci, $"Pod MTU {pod}, but underlay MTU {row.UnderlayMtu} minus {row.Datapath.OverheadIpv4} bytes of {row.Path} overhead is {expected}: ") +
                (pod > expected ? "packets of full pod MTU fragment or are dropped." : "every packet carries less payload than it could."),
                string.Create(ci, $"pod MTU {pod} ≠ {expected}"), Math.Abs(pod - expected)));
        }
        if (row.Efficiency is > 1 && row.Goodput is { } goodput && row.CeilingBps is { } ceiling)
        {
            var rate = lineRate is null ? "" : $" at {ReportNumbers.Gbit(lineRate.Bps)} Gbit/s line rate";
            flags.Add(new ReportFlag(ReportFlagKind.AboveCeiling, rowSubject,
                $"Goodput {ReportNumbers.Gbit(goodput.Median)} Gbit/s is {ReportNumbers.Percent(row.Efficiency.Value)} of its {ReportNumbers.Gbit(ceiling)} Gbit/s ceiling{rate}: no datapath beats its wire, so the line rate, MTU or clock is wrong.",
                $"efficiency {ReportNumbers.Percent(row.Efficiency.Value)}", row.Efficiency.Value));
        }
        return flags;
    }

    /// <summary>The words a reader knows a metric by.</summary>
    internal static string MetricLabel(ResultMetric metric) => metric.Name switch
    {
        "goodputBps" => "goodput",
        "coreSecondsPerGbit" => "CPU per Gbit",
        "transactionsPerSecond" => "transactions/s",
        "connectionsPerSecond" => "connections/s",
        "latencyUs.p99" => "p99 latency",
        _ => metric.Name,
    };

    /// <summary>The metric in a word, for a table cell ("CPU CV 14 %").</summary>
    private static string ShortMetricLabel(ResultMetric metric) => metric.Name switch
    {
        "coreSecondsPerGbit" => "CPU",
        "transactionsPerSecond" => "tx/s",
        "connectionsPerSecond" => "conn/s",
        "latencyUs.p99" => "p99",
        _ => MetricLabel(metric),
    };

    private static string RowSubject(DatapathRow row) =>
        string.Create(CultureInfo.InvariantCulture, $"{row.Label} mtu {row.UnderlayMtu} {row.Offloads}");

    private static string Reasons(IReadOnlyList<CellResult> cells, CellStatus status)
    {
        var reasons = cells.Where(c => c.Status == status)
            .Select(c => string.IsNullOrWhiteSpace(c.Reason) ? "no reason recorded" : c.Reason.Trim().TrimEnd('.'))
            .Distinct()
            .ToList();
        return string.Join("; ", reasons);
    }

    private static List<OffloadComparison> CompareProfiles(IReadOnlyList<DatapathRow> rows,
        Dictionary<CellGroupKey, IReadOnlyList<CellResult>> cellsByGroup, string baseProfile)
    {
        var comparisons = new List<OffloadComparison>();
        foreach (var row in rows.Where(r => r.Offloads != baseProfile && r.Stream is not null))
        {
            var reference = rows.FirstOrDefault(r => r.Offloads == baseProfile && r.Path == row.Path && r.Impl == row.Impl
                && r.UnderlayMtu == row.UnderlayMtu && r.Streams == row.Streams && r.Stream is not null);
            if (reference is null)
                continue;
            var baseCells = cellsByGroup[CellGroupKey.Of(reference.Stream!)];
            var profileCells = cellsByGroup[CellGroupKey.Of(row.Stream!)];
            var goodput = Ratio(baseCells, profileCells, ResultMetrics.GoodputBps);
            var cpu = Ratio(baseCells, profileCells, ResultMetrics.CoreSecondsPerGbit);
            if (goodput is not null || cpu is not null)
                comparisons.Add(new OffloadComparison(row.Path, row.Impl, row.UnderlayMtu, row.Streams!.Value, baseProfile, row.Offloads, goodput, cpu));
        }
        return comparisons;
    }

    internal static double[] Values(IReadOnlyList<CellResult> cells, ResultMetric metric) => cells
        .Where(c => c.Status == CellStatus.Ok)
        .Select(metric.Read)
        .Where(v => v is > 0 && double.IsFinite(v.Value))
        .Select(v => v!.Value)
        .ToArray();

    /// <summary>Hodges–Lehmann ratio B / A of a metric's repetitions with Moses' interval; null when a side has none.</summary>
    internal static ConfidenceInterval? Ratio(IReadOnlyList<CellResult> baseCells, IReadOnlyList<CellResult> profileCells, ResultMetric metric)
    {
        var a = Values(baseCells, metric);
        var b = Values(profileCells, metric);
        return a.Length == 0 || b.Length == 0 ? null : HodgesLehmann.Ratio(a, b, Confidence);
    }
}
