using PerfSuite.Model.Statistics;

namespace PerfSuite.Report.Analysis;

/// <summary>How a datapath differs from native at the same MTU, profile and stream count, computed from the
/// repetitions of both: Hodges–Lehmann estimates with Moses' distribution-free intervals, as the gate computes them.
/// A difference is real only where its interval excludes no change; for a latency percentile it must also exceed
/// the histogram's resolution, since two percentiles one bucket apart differ by a bucket whatever the truth.</summary>
/// <param name="Goodput">Ratio path / native of goodput (0.87 = 13 % less); null without goodput on either side.</param>
/// <param name="CpuPerGbit">Ratio path / native of core-seconds per Gbit; null without CPU on either side.</param>
/// <param name="LatencyP99">Shift path − native of the p99 latency, µs; null without tcp-rr on either side.</param>
/// <param name="LatencyResolutionUs">One histogram bucket at the two p99s (µs): no smaller difference is stated.</param>
public sealed record NativeComparison(
    ConfidenceInterval? Goodput,
    ConfidenceInterval? CpuPerGbit,
    ConfidenceInterval? LatencyP99,
    double? LatencyResolutionUs)
{
    /// <summary>+1 when the path's goodput is really above native's, −1 really below, 0 when the data cannot tell.</summary>
    public int GoodputVerdict => RatioVerdict(Goodput);

    /// <summary>+1 when the path really costs more CPU per Gbit than native, −1 less, 0 when the data cannot tell.</summary>
    public int CpuVerdict => RatioVerdict(CpuPerGbit);

    /// <summary>+1 when the path really adds p99 latency (the whole interval more than one bucket above zero),
    /// −1 when it really saves some, 0 otherwise.</summary>
    public int LatencyVerdict =>
        LatencyP99 is not { } shift ? 0
        : shift.Lower > (LatencyResolutionUs ?? 0) ? 1
        : shift.Upper < -(LatencyResolutionUs ?? 0) ? -1
        : 0;

    /// <summary>True when the p99 shift's interval excludes zero but not a one-bucket difference: what a reader
    /// would take for a measured difference is within the histogram's resolution.</summary>
    public bool LatencyWithinResolution =>
        LatencyP99 is { } shift && LatencyVerdict == 0 && (shift.Lower > 0 || shift.Upper < 0);

    private static int RatioVerdict(ConfidenceInterval? ratio) =>
        ratio is not { } r ? 0 : r.Lower > 1 ? 1 : r.Upper < 1 ? -1 : 0;
}
