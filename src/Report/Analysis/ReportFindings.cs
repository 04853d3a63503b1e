using System.Globalization;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;

namespace PerfSuite.Report.Analysis;

/// <summary>Sentences computed from the numbers, for a reader who will not study the tables: what each datapath
/// costs against native and how much of that is the wire, what the MTU changes, where the CPU goes, what latency
/// each path adds, what each offload profile changes.</summary>
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
            findings.AddRange(AgainstNative(mtu, rows));
            findings.AddRange(Efficiency(mtu, rows, analysis.LineRate));
            findings.AddRange(Softirq(mtu, rows));
            findings.AddRange(Latency(mtu, rows));
        }
        findings.AddRange(MtuEffect(analysis));
        findings.AddRange(Offloads(analysis));
        return findings;
    }

    private static IEnumerable<string> AgainstNative(int mtu, IReadOnlyList<DatapathRow> rows)
    {
        var native = rows.FirstOrDefault(IsNative);
        if (native?.Goodput is null)
            yield break;
        foreach (var row in rows.Where(r => !IsNative(r) && r.NativeFraction is not null && r.Goodput is not null))
        {
            var fraction = row.NativeFraction!.Value;
            var text = $"At MTU {I(mtu)}, {row.Label} delivers {ReportNumbers.Percent(fraction)} of native goodput";
            if (row.CpuPerGbitRatio is { } cpu)
                text += $" at {ReportNumbers.Ratio(cpu)} the CPU per Gbit";
            var overlap = row.Goodput!.Lower <= native.Goodput.Upper && native.Goodput.Lower <= row.Goodput.Upper;
            var gap = 1 - fraction;
            if (overlap)
            {
                text += "; the intervals overlap, so the goodput difference is within the spread of the repetitions";
            }
            else if (gap < 0)
            {
                text += ": more than native, beyond the spread of the repetitions";
            }
            else if (row.WireTax is { } wire && row.OverheadBytes is > 0)
            {
                text += gap <= wire + WireTolerance
                    ? $"; the whole gap is wire overhead ({ReportNumbers.Percent(wire)}), no datapath cost shows"
                    : $"; {ReportNumbers.Points(wire)} points of that {ReportNumbers.Points(gap)}-point gap are wire overhead, the rest is datapath cost";
            }
            else if (row.OverheadBytes == 0)
            {
                text += $"; it carries no encapsulation, so the {ReportNumbers.Points(gap)}-point gap is datapath cost";
            }
            yield return text + ".";
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

    private static IEnumerable<string> Softirq(int mtu, IReadOnlyList<DatapathRow> rows)
    {
        var withCpu = rows.Where(r => r.Cpu is not null).ToList();
        if (withCpu.Count < 2)
            yield break;
        var most = withCpu.MaxBy(r => r.Cpu!.ShareOf("softirq"))!;
        var native = withCpu.FirstOrDefault(IsNative);
        var reference = native is not null && native != most ? native : withCpu.Where(r => r != most).MinBy(r => r.Cpu!.ShareOf("softirq"))!;
        yield return $"At MTU {I(mtu)}, softirq takes {ReportNumbers.Percent(most.Cpu!.ShareOf("softirq"))} of the busy CPU on {most.Label} " +
            $"against {ReportNumbers.Percent(reference.Cpu!.ShareOf("softirq"))} on {reference.Label}: receive processing, decapsulation and forwarding run there, " +
            "and a tool that counts only user and system time misses it.";
    }

    private static IEnumerable<string> Latency(int mtu, IReadOnlyList<DatapathRow> rows)
    {
        var measured = rows.Where(r => r.LatencyP99 is not null).ToList();
        if (measured.Count == 0)
            yield break;
        var native = measured.FirstOrDefault(IsNative);
        if (native is null)
        {
            var low = measured.MinBy(r => r.LatencyP99!.Median)!;
            var high = measured.MaxBy(r => r.LatencyP99!.Median)!;
            yield return $"At MTU {I(mtu)}, p99 request/response latency ranges from {ReportNumbers.Microseconds(low.LatencyP99!.Median)} on {low.Label} " +
                $"to {ReportNumbers.Microseconds(high.LatencyP99!.Median)} on {high.Label}.";
            yield break;
        }
        var baseline = native.LatencyP99!.Median;
        var others = measured.Where(r => r != native)
            .Select(r => $"{r.Label} {(r.LatencyP99!.Median >= baseline ? "adds" : "saves")} {ReportNumbers.Microseconds(Math.Abs(r.LatencyP99.Median - baseline))} ({ReportNumbers.SignedPercent(r.LatencyP99.Median / baseline - 1)})")
            .ToList();
        var text = $"At MTU {I(mtu)}, p99 request/response latency is {ReportNumbers.Microseconds(baseline)} on native";
        yield return (others.Count == 0 ? text : text + "; " + Join(others)) + ".";
    }

    private static IEnumerable<string> MtuEffect(ReportAnalysis analysis)
    {
        if (analysis.Mtus.Count < 2)
            yield break;
        int low = analysis.Mtus[0], high = analysis.Mtus[^1];
        var lowRows = analysis.FigureRows(low);
        var parts = new List<string>();
        foreach (var upper in analysis.FigureRows(high).Where(r => r.Goodput is not null))
        {
            var lower = lowRows.FirstOrDefault(r => r.Path == upper.Path && r.Impl == upper.Impl && r.Goodput is { Median: > 0 });
            if (lower is null)
                continue;
            var part = $"{upper.Label} {ReportNumbers.SignedPercent(upper.Goodput!.Median / lower.Goodput!.Median - 1)} goodput";
            if (upper.CoreSecondsPerGbit is { } c && lower.CoreSecondsPerGbit is { Median: > 0 } lc)
                part += $" and {ReportNumbers.SignedPercent(c.Median / lc.Median - 1)} CPU per Gbit";
            parts.Add(part);
        }
        if (parts.Count > 0)
            yield return $"Raising the underlay MTU from {I(low)} to {I(high)} changes {Join(parts)}.";
    }

    private static IEnumerable<string> Offloads(ReportAnalysis analysis)
    {
        foreach (var set in analysis.OffloadComparisons.GroupBy(c => (c.Profile, c.UnderlayMtu, c.Streams)))
        {
            var (profile, mtu, _) = set.Key;
            var parts = set.Where(c => c.Goodput is not null)
                .OrderByDescending(c => Math.Abs(Math.Log(c.Goodput!.Estimate)))
                .Select(c =>
                {
                    var text = $"{c.Label} {ReportNumbers.SignedPercent(c.Goodput!.Estimate - 1)} goodput " +
                        $"({ReportNumbers.Percent(c.Goodput.Coverage)} interval {ReportNumbers.SignedPercent(c.Goodput.Lower - 1)} … {ReportNumbers.SignedPercent(c.Goodput.Upper - 1)})";
                    if (c.CpuPerGbit is { } cpu)
                        text += $", {ReportNumbers.SignedPercent(cpu.Estimate - 1)} CPU per Gbit";
                    return text;
                })
                .ToList();
            if (parts.Count > 0)
                yield return $"Offload profile {profile} against {analysis.BaseProfile} at MTU {I(mtu)}: {string.Join("; ", parts)}.";
        }
    }

    private static bool IsNative(DatapathRow row) => row.Path == Datapath.Native.Name && row.Impl == DatapathImplementation.Kernel;

    private static string Join(List<string> parts) =>
        parts.Count switch
        {
            0 => "",
            1 => parts[0],
            _ => string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1],
        };

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
