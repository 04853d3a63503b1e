using System.Globalization;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Report.Analysis;

/// <summary>Sentences computed from the numbers, for a reader who will not study the tables: which datapaths differ
/// from native beyond the noise in goodput, CPU per Gbit and p99 latency (and how much of a goodput gap is the wire),
/// which cannot be told apart with the repetitions there are, what the MTU and each offload profile change, where the
/// CPU goes. A difference is stated only where its interval excludes no change, and a latency difference only where
/// it also exceeds one bucket of the latency histogram; everything else is named as not distinguishable.</summary>
internal static class ReportFindings
{
    /// <summary>A gap to native this close to the wire overhead is all wire (rounding and noise aside).</summary>
    private const double WireTolerance = 0.005;

    public static IReadOnlyList<string> Compute(ReportAnalysis analysis)
    {
        var findings = new List<string>();
        foreach (var mtu in analysis.Mtus)
        {
            var rows = analysis.FigureRows(mtu);
            findings.AddRange(Goodput(mtu, rows));
            findings.AddRange(Cpu(mtu, rows));
            findings.AddRange(Efficiency(mtu, rows, analysis.LineRate));
            findings.AddRange(Softirq(mtu, rows, analysis));
            findings.AddRange(Latency(mtu, rows));
        }
        findings.AddRange(MtuEffect(analysis));
        findings.AddRange(Offloads(analysis));
        return findings;
    }

    private static IEnumerable<string> Goodput(int mtu, IReadOnlyList<DatapathRow> rows)
    {
        var compared = rows.Where(r => r.VsNative?.Goodput is not null).ToList();
        if (compared.Count == 0)
            yield break;
        var below = compared.Where(r => r.VsNative!.GoodputVerdict < 0).Select(r =>
        {
            var ratio = r.VsNative!.Goodput!;
            var gap = 1 - ratio.Estimate;
            var text = $"{r.Label} {ReportNumbers.Percent(ratio.Estimate)} ({PercentRange(ratio)})";
            if (r.WireTax is { } wire && r.OverheadBytes is > 0)
            {
                text += gap <= wire + WireTolerance
                    ? $", all of the gap wire overhead ({ReportNumbers.Percent(wire)})"
                    : $", {ReportNumbers.Points(wire)} of its {ReportNumbers.Points(gap)} points wire overhead and the rest datapath cost";
            }
            else if (r.OverheadBytes == 0)
            {
                text += ", no encapsulation: all datapath cost";
            }
            return text;
        }).ToList();
        if (below.Count > 0)
            yield return $"At MTU {I(mtu)}, goodput is below native's beyond the noise on {Join(below)}.";
        var above = compared.Where(r => r.VsNative!.GoodputVerdict > 0)
            .Select(r => $"{r.Label} {ReportNumbers.Percent(r.VsNative!.Goodput!.Estimate)} ({PercentRange(r.VsNative.Goodput)})").ToList();
        if (above.Count > 0)
            yield return $"At MTU {I(mtu)}, goodput is above native's beyond the noise on {Join(above)}.";
        var same = compared.Where(r => r.VsNative!.GoodputVerdict == 0).ToList();
        if (same.Count > 0)
        {
            yield return $"At MTU {I(mtu)}, {Join(same.Select(r => $"{r.Label} ({ReportNumbers.Percent(r.VsNative!.Goodput!.Estimate)} of native)").ToList())} " +
                $"cannot be told apart from native in goodput: {IntervalOfRatio(same.Select(r => r.VsNative!.Goodput))} includes 100 %{Repetitions(same)}.";
        }
    }

    private static IEnumerable<string> Cpu(int mtu, IReadOnlyList<DatapathRow> rows)
    {
        var compared = rows.Where(r => r.VsNative?.CpuPerGbit is not null).ToList();
        if (compared.Count == 0)
            yield break;
        string Part(DatapathRow r) =>
            $"{r.Label} {ReportNumbers.Ratio(r.VsNative!.CpuPerGbit!.Estimate)} ({ReportNumbers.Number(r.VsNative.CpuPerGbit.Lower)}–{ReportNumbers.Ratio(r.VsNative.CpuPerGbit.Upper)})";
        var more = compared.Where(r => r.VsNative!.CpuVerdict > 0).Select(Part).ToList();
        if (more.Count > 0)
            yield return $"At MTU {I(mtu)}, a Gbit costs more CPU than on native beyond the noise on {Join(more)}.";
        var less = compared.Where(r => r.VsNative!.CpuVerdict < 0).Select(Part).ToList();
        if (less.Count > 0)
            yield return $"At MTU {I(mtu)}, a Gbit costs less CPU than on native beyond the noise on {Join(less)}.";
        var same = compared.Where(r => r.VsNative!.CpuVerdict == 0).ToList();
        if (same.Count > 0)
        {
            yield return $"At MTU {I(mtu)}, {Join(same.Select(r => $"{r.Label} ({ReportNumbers.Ratio(r.VsNative!.CpuPerGbit!.Estimate)})").ToList())} " +
                $"cannot be told apart from native in CPU per Gbit: {IntervalOfRatio(same.Select(r => r.VsNative!.CpuPerGbit))} includes 1×{Repetitions(same)}.";
        }
    }

    private static IEnumerable<string> Efficiency(int mtu, IReadOnlyList<DatapathRow> rows, LineRate? lineRate)
    {
        var measured = rows.Where(r => r.Efficiency is not null).OrderBy(r => r.Efficiency).ToList();
        if (lineRate is null || measured.Count == 0)
            yield break;
        var low = measured[0];
        var high = measured[^1];
        var rate = $"{ReportNumbers.Gbit(lineRate.Bps)} Gbit/s";
        yield return measured.Count == 1
            ? $"At MTU {I(mtu)} and {rate} line rate, {low.Label} reaches {ReportNumbers.Percent(low.Efficiency!.Value)} of its goodput ceiling."
            : $"At MTU {I(mtu)} and {rate} line rate, efficiency against the goodput ceiling ranges from {ReportNumbers.Percent(low.Efficiency!.Value)} on {low.Label} to {ReportNumbers.Percent(high.Efficiency!.Value)} on {high.Label}.";
    }

    /// <summary>Softirq's share of busy CPU: where it is largest, and against native only when the repetitions show
    /// a real difference (Hodges–Lehmann shift of the per-repetition shares).</summary>
    private static IEnumerable<string> Softirq(int mtu, IReadOnlyList<DatapathRow> rows, ReportAnalysis analysis)
    {
        var withCpu = rows.Where(r => r.Cpu is not null && r.Stream is not null).ToList();
        if (withCpu.Count < 2)
            yield break;
        var most = withCpu.MaxBy(r => r.Cpu!.ShareOf("softirq"))!;
        var text = $"At MTU {I(mtu)}, softirq takes {ReportNumbers.Percent(most.Cpu!.ShareOf("softirq"))} of the busy CPU on {most.Label}";
        var native = withCpu.FirstOrDefault(ReportAnalyzer.IsNative);
        if (native is not null && native != most)
        {
            var a = SoftirqShares(analysis.CellsOf(native.Stream!));
            var b = SoftirqShares(analysis.CellsOf(most.Stream!));
            var nativeShare = ReportNumbers.Percent(native.Cpu!.ShareOf("softirq"));
            if (a.Length > 0 && b.Length > 0 && HodgesLehmann.Shift(a, b, ReportAnalyzer.Confidence) is { } shift && (shift.Lower > 0 || shift.Upper < 0))
                text += $" against {nativeShare} on native ({ReportNumbers.Signed(shift.Estimate * 100)} points, {CoverageText.Short([shift])} {ReportNumbers.Signed(shift.Lower * 100)} … {ReportNumbers.Signed(shift.Upper * 100)})";
            else
                text += $", not distinguishable from native's {nativeShare} with these repetitions";
        }
        yield return text + ": receive processing, decapsulation and forwarding run there, and a tool that counts only user and system time misses it.";
    }

    private static double[] SoftirqShares(IReadOnlyList<CellResult> cells) => cells
        .Where(c => c.Status == CellStatus.Ok && c.Metrics?.CpuByCategory is { Busy: > 0 })
        .Select(c => c.Metrics!.CpuByCategory!.Softirq / c.Metrics.CpuByCategory.Busy)
        .ToArray();

    private static IEnumerable<string> Latency(int mtu, IReadOnlyList<DatapathRow> rows)
    {
        var measured = rows.Where(r => r.LatencyP99 is not null).ToList();
        if (measured.Count == 0)
            yield break;
        var native = measured.FirstOrDefault(ReportAnalyzer.IsNative);
        if (native is null)
        {
            var low = measured.MinBy(r => r.LatencyP99!.Median)!;
            var high = measured.MaxBy(r => r.LatencyP99!.Median)!;
            yield return $"At MTU {I(mtu)}, p99 request/response latency ranges from {ReportNumbers.Microseconds(low.LatencyP99!.Median)} on {low.Label}{Samples(low)} " +
                $"to {ReportNumbers.Microseconds(high.LatencyP99!.Median)} on {high.Label}{Samples(high)}.";
            yield break;
        }
        var text = $"At MTU {I(mtu)}, p99 request/response latency is {ReportNumbers.Microseconds(native.LatencyP99!.Median)} on native{Samples(native)}";
        var compared = measured.Where(r => r.VsNative?.LatencyP99 is not null).ToList();
        var real = compared.Where(r => r.VsNative!.LatencyVerdict != 0).Select(r =>
        {
            var shift = r.VsNative!.LatencyP99!;
            return $"{r.Label} {(shift.Estimate >= 0 ? "adds" : "saves")} {ReportNumbers.Microseconds(Math.Abs(shift.Estimate))} " +
                $"({ReportNumbers.Signed(shift.Lower)} … {ReportNumbers.Signed(shift.Upper)} µs)";
        }).ToList();
        if (real.Count > 0)
            text += $"; beyond the noise and the histogram's resolution, {Join(real)}";
        var bucket = compared.Where(r => r.VsNative!.LatencyWithinResolution)
            .Select(r => $"{r.Label} ({ReportNumbers.Signed(r.VsNative!.LatencyP99!.Estimate)} µs, one histogram bucket is {ReportNumbers.Microseconds(r.VsNative.LatencyResolutionUs!.Value)})")
            .ToList();
        var noise = compared.Where(r => r.VsNative!.LatencyVerdict == 0 && !r.VsNative.LatencyWithinResolution).ToList();
        var parts = new List<string>();
        if (noise.Count > 0)
        {
            parts.Add($"{Join(noise.Select(r => $"{r.Label} ({ReportNumbers.Signed(r.VsNative!.LatencyP99!.Estimate)} µs)").ToList())} " +
                $"within the noise ({IntervalOfShift(noise.Select(r => r.VsNative!.LatencyP99))} includes zero{Repetitions(noise)})");
        }
        if (bucket.Count > 0)
            parts.Add($"{Join(bucket)} within the histogram's resolution");
        if (parts.Count > 0)
            text += $"; not distinguishable from native: {string.Join("; ", parts)}";
        yield return text + ".";
    }

    /// <summary>How many transactions each repetition's percentiles come from, and how many lie beyond p99.</summary>
    private static string Samples(DatapathRow row) =>
        row.LatencySamples is { } n
            ? $" (from about {ReportNumbers.Significant(n, 3)} transactions a repetition, {ReportNumbers.Significant(n * 0.01, 2)} of them beyond p99)"
            : "";

    private static IEnumerable<string> MtuEffect(ReportAnalysis analysis)
    {
        if (analysis.Mtus.Count < 2)
            yield break;
        int low = analysis.Mtus[0], high = analysis.Mtus[^1];
        var lowRows = analysis.FigureRows(low);
        var real = new List<string>();
        var same = new List<string>();
        ConfidenceInterval? anyInterval = null;
        foreach (var upper in analysis.FigureRows(high).Where(r => r.Stream is not null))
        {
            var lower = lowRows.FirstOrDefault(r => r.Path == upper.Path && r.Impl == upper.Impl && r.Stream is not null);
            if (lower is null)
                continue;
            var goodput = ReportAnalyzer.Ratio(analysis.CellsOf(lower.Stream!), analysis.CellsOf(upper.Stream!), ResultMetrics.GoodputBps);
            var cpu = ReportAnalyzer.Ratio(analysis.CellsOf(lower.Stream!), analysis.CellsOf(upper.Stream!), ResultMetrics.CoreSecondsPerGbit);
            anyInterval ??= goodput ?? cpu;
            var changes = new List<string>();
            if (goodput is { } g && (g.Lower > 1 || g.Upper < 1))
                changes.Add($"{ReportNumbers.SignedPercent(g.Estimate - 1)} goodput");
            if (cpu is { } c && (c.Lower > 1 || c.Upper < 1))
                changes.Add($"{ReportNumbers.SignedPercent(c.Estimate - 1)} CPU per Gbit");
            if (changes.Count > 0)
                real.Add($"{upper.Label} {Join(changes)}");
            else if (goodput is not null || cpu is not null)
                same.Add(upper.Label);
        }
        if (real.Count == 0 && same.Count == 0)
            yield break;
        var text = $"Raising the underlay MTU from {I(low)} to {I(high)}";
        text += real.Count > 0 ? $" changes, beyond the noise, {Join(real)}" : " changes nothing beyond the noise";
        if (same.Count > 0 && real.Count > 0)
            text += $"; for {Join(same)} neither goodput nor CPU per Gbit changes beyond the noise";
        else if (same.Count > 0)
            text += $" on {Join(same)}";
        yield return text + (anyInterval is null ? "." : $" ({CoverageText.Short([anyInterval])}s of the ratios).");
    }

    private static IEnumerable<string> Offloads(ReportAnalysis analysis)
    {
        foreach (var set in analysis.OffloadComparisons.GroupBy(c => (c.Profile, c.UnderlayMtu, c.Streams)))
        {
            var (profile, mtu, _) = set.Key;
            var measured = set.Where(c => c.Goodput is not null).OrderByDescending(c => Math.Abs(Math.Log(c.Goodput!.Estimate))).ToList();
            var real = measured.Where(c => c.Goodput!.Lower > 1 || c.Goodput.Upper < 1 || c.CpuPerGbit is { } cpu && (cpu.Lower > 1 || cpu.Upper < 1))
                .Select(c =>
                {
                    var text = $"{c.Label} {ReportNumbers.SignedPercent(c.Goodput!.Estimate - 1)} goodput " +
                        $"({CoverageText.Short([c.Goodput])} {ReportNumbers.SignedPercent(c.Goodput.Lower - 1)} … {ReportNumbers.SignedPercent(c.Goodput.Upper - 1)})";
                    if (c.CpuPerGbit is { } cpu)
                        text += $", {ReportNumbers.SignedPercent(cpu.Estimate - 1)} CPU per Gbit";
                    return text;
                })
                .ToList();
            var same = measured.Where(c => !(c.Goodput!.Lower > 1 || c.Goodput.Upper < 1 || c.CpuPerGbit is { } cpu && (cpu.Lower > 1 || cpu.Upper < 1)))
                .Select(c => c.Label).ToList();
            if (real.Count == 0 && same.Count == 0)
                continue;
            var sentence = $"Offload profile {profile} against {analysis.BaseProfile} at MTU {I(mtu)}: ";
            sentence += real.Count > 0 ? string.Join("; ", real) : "no change beyond the noise";
            if (same.Count > 0)
                sentence += real.Count > 0 ? $"; {Join(same)} unchanged within the noise" : $" on {Join(same)}";
            yield return sentence + ".";
        }
    }

    private static string PercentRange(ConfidenceInterval ratio) =>
        $"{CoverageText.Short([ratio])} {ReportNumbers.Points(ratio.Lower)}–{ReportNumbers.Percent(ratio.Upper)}";

    private static string IntervalOfRatio(IEnumerable<ConfidenceInterval?> intervals)
    {
        var list = intervals.ToList();
        return list.Count == 1 ? $"its ratio's {CoverageText.Short(list)}" : $"each ratio's {CoverageText.Short(list)}";
    }

    private static string IntervalOfShift(IEnumerable<ConfidenceInterval?> intervals)
    {
        var list = intervals.ToList();
        return list.Count == 1 ? $"its {CoverageText.Short(list)}" : $"each {CoverageText.Short(list)}";
    }

    /// <summary>", 3 repetitions a side" when every compared group has the same count.</summary>
    private static string Repetitions(IReadOnlyList<DatapathRow> rows)
    {
        var counts = rows.Select(r => r.Goodput?.N ?? r.LatencyP99?.N).OfType<int>().Distinct().ToList();
        return counts.Count == 1 ? $", {I(counts[0])} repetitions a side" : "";
    }

    private static string Join(List<string> parts) =>
        parts.Count switch
        {
            0 => "",
            1 => parts[0],
            _ => string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1],
        };

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
