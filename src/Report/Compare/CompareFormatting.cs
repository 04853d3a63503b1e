using System.Globalization;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;
using PerfSuite.Model.Units;

namespace PerfSuite.Report.Compare;

/// <summary>How compare's writers show values, so the console, Markdown and HTML say the same thing the same way.</summary>
internal static class CompareFormatting
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Gap => "—";

    public static string Goodput(double bps) => Quantities.FormatBitRate(bps);

    public static string CpuPerGbit(double value) => string.Create(Invariant, $"{value:0.###} core·s/Gbit");

    public static string Microseconds(double us) =>
        us >= 1000 ? string.Create(Invariant, $"{us / 1000:0.##} ms") : string.Create(Invariant, $"{us:0.#} µs");

    public static string Transactions(double perSecond) => string.Create(Invariant, $"{perSecond:#,0} tx/s");

    /// <summary>A ratio as a change: 0.958 → "−4.2 %", 1.8 → "+80 %"; U+2212 for minus.</summary>
    public static string Change(double ratio)
    {
        var percent = (ratio - 1) * 100;
        var magnitude = Math.Abs(percent);
        var text = magnitude >= 10 ? magnitude.ToString("0", Invariant) : magnitude.ToString("0.0", Invariant);
        if (text is "0" or "0.0")
            return "±0 %";
        return (percent < 0 ? "\u2212" : "+") + text + " %";
    }

    public static string Speed(LinkSettings link) =>
        link.SpeedMbps is { } mbps ? Quantities.FormatBitRate(mbps * 1e6) : "unknown";

    public static string CurrentOfMax(uint current, uint max) => string.Create(Invariant, $"{current} of {max}");

    public static string Count(int value) => value.ToString(Invariant);

    public static string Metric(MetricSummary summary, Func<double, string> format) => format(summary.Median);

    /// <summary>"9.1 Gbit/s (8.9 … 9.2, n 5)": the median, its interval and the repetitions.</summary>
    public static string MetricWithInterval(MetricSummary summary, Func<double, string> format) =>
        summary.N > 1 && summary.Lower < summary.Upper
            ? string.Create(Invariant, $"{format(summary.Median)} ({format(summary.Lower)} … {format(summary.Upper)}, n {summary.N})")
            : string.Create(Invariant, $"{format(summary.Median)} (n {summary.N})");

    public static string Kind(CompareInputKind kind) => kind switch
    {
        CompareInputKind.Results => "results",
        CompareInputKind.Probe => "probe snapshot",
        _ => "ethtool -k dump",
    };

    public static string Verdict(EncapsulationVerdict verdict) => verdict switch
    {
        EncapsulationVerdict.Hardware => "hardware",
        EncapsulationVerdict.Deferred => "deferred",
        EncapsulationVerdict.SoftwareNicCapable => "software (NIC capable)",
        EncapsulationVerdict.Software => "software",
        _ => "unknown",
    };

    public static string Cost(EncapsulationCost cost)
    {
        var parts = new List<string>();
        if (cost.Goodput is { } g)
            parts.Add($"goodput {Change(g.Estimate)}");
        if (cost.CpuPerGbitRatio is { } c)
            parts.Add($"CPU/Gbit {Change(c.Estimate)}");
        var what = parts.Count > 0 ? string.Join(", ", parts) : "no goodput or CPU figures";
        var impl = cost.Impl == Model.Datapaths.DatapathImplementation.Userspace ? " (userspace)" : "";
        return string.Create(Invariant, $"{what}{impl} vs {cost.Baseline} (mtu {cost.UnderlayMtu}, {cost.Offloads}, ×{cost.Streams})");
    }

    /// <summary>The interval of a ratio as changes: "−5.0 % … −3.1 %".</summary>
    public static string ChangeInterval(ConfidenceInterval interval) => $"{Change(interval.Lower)} … {Change(interval.Upper)}";
}
