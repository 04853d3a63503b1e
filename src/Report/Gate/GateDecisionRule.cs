using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Report.Gate;

/// <summary>The gate's decision rule for one metric of one cell, and for the family of all of a run's cells ×
/// metrics (docs/methodology.md, "The gate's decision rule"; its operating characteristics come from a
/// simulation test that calls this class).</summary>
/// <remarks>
/// With T the threshold and α the error rate, on the ratio current / baseline:
/// <list type="bullet">
/// <item><b>fail</b>: the regression is significant — its one-sided p-value, adjusted across the family by
/// Benjamini–Hochberg, is at most α — and its estimate lies beyond T;</item>
/// <item><b>pass</b>: the bad end of the interval (a one-sided 1 − α bound) lies within T: the data show the
/// change is no worse than T. A significant regression smaller than T passes with a <b>warn</b>;</item>
/// <item><b>inconclusive</b> otherwise: neither shown.</item>
/// </list>
/// A run passes only when every comparison passes, an intersection–union test: its chance of passing a run with a
/// regression beyond T in some cell is at most α without any adjustment. A run fails when any comparison fails;
/// under no change at all, every significant result is a false discovery, so the false-discovery control also
/// bounds the chance of failing a run by α.
/// </remarks>
public static class GateDecisionRule
{
    /// <summary>One baseline run: Mann–Whitney on the repetitions, one-sided in the bad direction, and the
    /// Hodges–Lehmann ratio with Moses' interval at 1 − 2α. Values must be positive.</summary>
    public static ChangeEvidence WithinRun(ReadOnlySpan<double> baseline, ReadOnlySpan<double> current, MetricDirection direction, double alpha)
    {
        var test = MannWhitneyTest.Compute(baseline, current);
        var ratio = HodgesLehmann.Ratio(baseline, current, 1 - 2 * alpha);
        var p = direction == MetricDirection.HigherIsBetter ? test.LessPValue : test.GreaterPValue;
        return new ChangeEvidence(ChangeModel.WithinRun, ratio, p, test, 1);
    }

    /// <summary>Two or more baseline runs: the log of the current run's median against the mean of the baseline
    /// runs' log medians, with their standard deviation s as the run-to-run noise. A new run's log median then
    /// differs from that mean by s·√(1 + 1/k)·t(k − 1) under no change (a prediction interval). Null when the
    /// baseline runs agree exactly, so that no spread can be estimated.</summary>
    public static ChangeEvidence? RunToRun(IReadOnlyList<double[]> baselineRuns, ReadOnlySpan<double> current, MetricDirection direction, double alpha)
    {
        var k = baselineRuns.Count;
        if (k < 2)
            throw new ArgumentException("a run-to-run comparison needs at least two baseline runs", nameof(baselineRuns));
        Span<double> medians = stackalloc double[k];
        for (var i = 0; i < k; i++)
            medians[i] = Math.Log(SampleStatistics.Median(baselineRuns[i]));
        var spread = SampleStatistics.StandardDeviation(medians);
        if (!(spread > 0))
            return null;
        var centre = SampleStatistics.Mean(medians);
        var change = Math.Log(SampleStatistics.Median(current)) - centre;
        var standardError = spread * Math.Sqrt(1 + 1.0 / k);
        var degrees = k - 1;
        var t = change / standardError;
        var p = direction == MetricDirection.HigherIsBetter ? StudentTDistribution.Cdf(t, degrees) : StudentTDistribution.Cdf(-t, degrees);
        var half = StudentTDistribution.Quantile(1 - alpha, degrees) * standardError;
        var ratio = new ConfidenceInterval(Math.Exp(change), Math.Exp(change - half), Math.Exp(change + half), 1 - 2 * alpha, 1 - 2 * alpha,
            IntervalMethod.StudentTRunToRun);
        return new ChangeEvidence(ChangeModel.RunToRun, ratio, p, null, k, spread);
    }

    /// <summary>Decides every comparison of one run together: adjusts the regression p-values of the family
    /// (Benjamini–Hochberg at α), then applies <see cref="Decide"/>. Returns the verdicts and adjusted p-values.</summary>
    public static (GateVerdict Verdict, double AdjustedPValue)[] DecideFamily(
        IReadOnlyList<(ChangeEvidence Evidence, double Threshold, MetricDirection Direction)> family, double alpha)
    {
        var adjusted = FalseDiscoveryRate.Adjust(family.Select(f => f.Evidence.RegressionPValue).ToList());
        return family.Select((f, i) => (Decide(f.Evidence, f.Threshold, f.Direction, adjusted[i] <= alpha), adjusted[i])).ToArray();
    }

    /// <summary>The verdict for one comparison, given whether its regression is significant after the
    /// family-wide adjustment.</summary>
    public static GateVerdict Decide(ChangeEvidence evidence, double threshold, MetricDirection direction, bool significant)
    {
        var ratio = evidence.Ratio;
        if (significant && IsBeyond(ratio.Estimate, threshold, direction))
            return GateVerdict.Fail;
        if (ratio.ReachesLevel && !IsBeyond(BadEnd(ratio, direction), threshold, direction))
            return significant ? GateVerdict.Warn : GateVerdict.Pass;
        return GateVerdict.Inconclusive;
    }

    /// <summary>Whether a ratio current / baseline is a change worse than the threshold: below 1 − T for a metric
    /// where higher is better, above 1 + T where lower is better.</summary>
    public static bool IsBeyond(double ratio, double threshold, MetricDirection direction) =>
        direction == MetricDirection.HigherIsBetter ? ratio < 1 - threshold : ratio > 1 + threshold;

    /// <summary>Whether the estimate is worse than no change at all.</summary>
    public static bool IsWorse(double ratio, MetricDirection direction) =>
        direction == MetricDirection.HigherIsBetter ? ratio < 1 : ratio > 1;

    /// <summary>The end of the interval in the bad direction.</summary>
    public static double BadEnd(ConfidenceInterval ratio, MetricDirection direction) =>
        direction == MetricDirection.HigherIsBetter ? ratio.Lower : ratio.Upper;
}
