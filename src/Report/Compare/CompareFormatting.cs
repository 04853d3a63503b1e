using System.Globalization;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Statistics;
using PerfSuite.Model.Units;
using PerfSuite.Report.Analysis;

namespace PerfSuite.Report.Compare;

/// <summary>How compare's writers show values, so the console, Markdown and HTML say the same thing the same way.</summary>
internal static class CompareFormatting
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Gap => "—";

    /// <summary>A ratio as a change: 0.958 → "−4.2 %", 1.8 → "+80 %".</summary>
    public static string Change(double ratio) => ReportNumbers.SignedPercent(ratio - 1);

    public static string Speed(LinkSettings link) =>
        link.SpeedMbps is { } mbps ? Quantities.FormatBitRate(mbps * 1e6) : "unknown";

    public static string CurrentOfMax(uint current, uint max) => string.Create(Invariant, $"{current} of {max}");

    public static string Count(int value) => value.ToString(Invariant);

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

    /// <summary>"goodput −4.2 %, CPU/Gbit +80 % vs native (mtu 1500, default, ×1)", led by "userspace:" for a
    /// userspace datapath.</summary>
    public static string Cost(EncapsulationCost cost)
    {
        var parts = new List<string>();
        if (cost.Goodput is { } g)
            parts.Add($"goodput {Change(g.Estimate)}");
        if (cost.CpuPerGbitRatio is { } c)
            parts.Add($"CPU/Gbit {Change(c.Estimate)}");
        var what = parts.Count > 0 ? string.Join(", ", parts) : "no goodput or CPU figures";
        var impl = cost.Impl == Model.Datapaths.DatapathImplementation.Userspace ? "userspace: " : "";
        return string.Create(Invariant, $"{impl}{what} vs {cost.Baseline} (mtu {cost.UnderlayMtu}, {cost.Offloads}, ×{cost.Streams})");
    }

    /// <summary>The interval of a ratio as changes: "−5.0 % … −3.1 %".</summary>
    public static string ChangeInterval(ConfidenceInterval interval) => $"{Change(interval.Lower)} … {Change(interval.Upper)}";
}
