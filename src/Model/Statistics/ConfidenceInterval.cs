namespace PerfSuite.Model.Statistics;

/// <summary>A point estimate with an interval around it.</summary>
/// <param name="Estimate">The point estimate (a median, a Hodges–Lehmann shift or ratio).</param>
/// <param name="Lower">Lower end of the interval.</param>
/// <param name="Upper">Upper end of the interval.</param>
/// <param name="ConfidenceLevel">The level that was asked for (0.95 for a 95 % interval).</param>
/// <param name="Coverage">The coverage the method guarantees. Distribution-free intervals built from order
/// statistics have a discrete set of coverages, so this is the exact one chosen (at least the level asked for
/// when the sample allows it, less when it is too small: then <see cref="ReachesLevel"/> is false). For the
/// normal approximation it is the nominal level.</param>
/// <param name="Method">How the interval was built.</param>
/// <param name="Rank">For intervals between order statistics, the 1-based rank j of the lower end counted from
/// below (the upper end has the same rank counted from above): 1 for [min, max]. For Moses' interval it counts the
/// m·n pairwise differences. 0 when the interval is not built from order statistics.</param>
public sealed record ConfidenceInterval(
    double Estimate,
    double Lower,
    double Upper,
    double ConfidenceLevel,
    double Coverage,
    IntervalMethod Method,
    int Rank = 0)
{
    /// <summary>False when the sample is too small for any interval of this method to reach the level asked for.</summary>
    public bool ReachesLevel => Coverage >= ConfidenceLevel - 1e-12;

    public bool Contains(double value) => Lower <= value && value <= Upper;
}
