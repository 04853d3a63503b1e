using System.Globalization;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Report.Gate;

/// <summary>The CI regression gate (methodology §4, issue 6): compares a current run with a baseline, cell by
/// cell and metric by metric, and decides pass, warn, fail or inconclusive without ever failing on noise.</summary>
/// <remarks>
/// Per matched cell and metric: a two-sided Mann–Whitney U test of current against baseline, and the
/// Hodges–Lehmann ratio current/baseline with its 1 − α interval (the interval that inverts the same test).
/// <list type="bullet">
/// <item>inconclusive when the repetitions cannot reach α at all (3 a side never get below p = 0.10);</item>
/// <item>fail when p &lt; α, the change is in the bad direction and the whole interval lies beyond the threshold;</item>
/// <item>warn when p &lt; α in the bad direction but the interval reaches back inside the threshold;</item>
/// <item>inconclusive when p ≥ α but the runs are too noisy to have seen a change of the threshold's size
/// (its minimum detectable effect at the configured power exceeds the threshold);</item>
/// <item>pass otherwise, including significant improvements.</item>
/// </list>
/// An inconclusive verdict says how many repetitions a side would decide it.
/// </remarks>
public static class RegressionGate
{
    public static GateReport Evaluate(ResultsDocument baseline, ResultsDocument current, GateOptions options)
    {
        if (!(options.Alpha > 0 && options.Alpha < 1))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"alpha must be between 0 and 1, not {options.Alpha}");
        if (options.Metrics.Count == 0)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, "the gate has no metric to check");
        if (options.Metrics.FirstOrDefault(m => !(m.Threshold > 0 && m.Threshold < 1)) is { } bad)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"the threshold of {bad.Metric.Name} must be above 0 % and below 100 %");

        var baselineGroups = Group(baseline.Cells);
        var currentGroups = Group(current.Cells);
        var matched = baselineGroups.Keys.Where(currentGroups.ContainsKey).ToList();
        if (matched.Count == 0)
        {
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"no cell of the current run matches the baseline (baseline has {Describe(baselineGroups.Keys)}; current has {Describe(currentGroups.Keys)})");
        }

        var differences = EnvironmentComparer.Compare(baseline.Environment, current.Environment).ToList();
        differences.AddRange(CellDifferences(baselineGroups, currentGroups));

        var comparisons = new List<MetricComparison>();
        foreach (var key in matched)
        {
            foreach (var metric in options.Metrics)
            {
                if (Compare(key, baselineGroups[key], currentGroups[key], metric, options) is { } comparison)
                    comparisons.Add(comparison);
            }
        }
        if (comparisons.Count == 0)
        {
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"the matched cells carry none of the gated metrics ({string.Join(", ", options.Metrics.Select(m => m.Metric.Name))})");
        }

        var verdict = comparisons.Any(c => c.Verdict == GateVerdict.Fail) || (options.RequireSameEnvironment && differences.Count > 0)
            ? GateVerdict.Fail
            : comparisons.Any(c => c.Verdict == GateVerdict.Inconclusive) ? GateVerdict.Inconclusive
            : comparisons.Any(c => c.Verdict == GateVerdict.Warn) ? GateVerdict.Warn
            : GateVerdict.Pass;
        return new GateReport(baseline, current, options, differences, comparisons,
            baselineGroups.Keys.Where(k => !currentGroups.ContainsKey(k)).ToList(),
            currentGroups.Keys.Where(k => !baselineGroups.ContainsKey(k)).ToList(),
            verdict);
    }

    private static MetricComparison? Compare(CellGroupKey key, IReadOnlyList<CellResult> baselineCells,
        IReadOnlyList<CellResult> currentCells, GateMetric gated, GateOptions options)
    {
        var metric = gated.Metric;
        var a = Values(baselineCells, metric);
        var b = Values(currentCells, metric);
        if (a.Length == 0 && b.Length == 0)
            return null; // this test does not produce the metric

        MetricComparison Result(GateVerdict verdict, string explanation, int? needed = null, ConfidenceInterval? ratio = null,
            MannWhitneyResult? test = null) =>
            new(key, metric, gated.Threshold, a.Length, b.Length,
                a.Length > 0 ? SampleStatistics.Median(a) : null, b.Length > 0 ? SampleStatistics.Median(b) : null,
                Cv(a), Cv(b), ratio, test, verdict, needed, explanation);

        var floorNeeded = PowerAnalysis.RepetitionsToReachAlpha(options.Alpha);
        if (a.Length == 0)
            return Result(GateVerdict.Inconclusive, "the baseline has no successful repetition with this metric", floorNeeded);
        if (b.Length == 0)
        {
            var failed = currentCells.Where(c => c.Status == CellStatus.Failed).ToList();
            if (failed.Count > 0)
            {
                return Result(GateVerdict.Fail, $"every current repetition failed ({failed.Count}): {failed[0].Reason ?? "no reason given"}");
            }
            var skipped = currentCells.FirstOrDefault(c => c.Status == CellStatus.Skipped);
            return Result(GateVerdict.Inconclusive,
                skipped is not null ? $"the current run skipped this cell: {skipped.Reason ?? "no reason given"}" : "the current run did not measure this metric",
                floorNeeded);
        }

        var test = MannWhitneyTest.Compute(a, b);
        if (a.Concat(b).Any(v => v <= 0))
        {
            var allZero = a.Concat(b).All(v => v == 0);
            return allZero
                ? Result(GateVerdict.Pass, "zero in every repetition on both sides", test: test)
                : Result(GateVerdict.Inconclusive, "a ratio is undefined for values ≤ 0", test: test);
        }

        var ratio = HodgesLehmann.Ratio(a, b, 1 - options.Alpha);
        var alphaText = Format(options.Alpha);
        var floor = MannWhitneyDistribution.SmallestTwoSidedPValue(a.Length, b.Length);
        var cv = PooledCv(a, b);
        var needed = Math.Max(floorNeeded, cv is { } c ? PowerAnalysis.RequiredRepetitions(gated.Threshold, c, options.Alpha, options.Power) : floorNeeded);
        if (floor >= options.Alpha)
        {
            return Result(GateVerdict.Inconclusive,
                $"with {a.Length} and {b.Length} repetitions the smallest possible p is {Format(floor)}, not below α = {alphaText}; needs {needed} a side",
                needed, ratio, test);
        }

        var change = ratio.Estimate - 1;
        var worse = metric.Direction == MetricDirection.HigherIsBetter ? change < 0 : change > 0;
        var changeText = ChangeText(metric, ratio);
        if (test.PValue < options.Alpha)
        {
            if (!worse)
                return Result(GateVerdict.Pass, $"improved: {changeText}", ratio: ratio, test: test);
            var beyond = metric.Direction == MetricDirection.HigherIsBetter
                ? ratio.Upper < 1 - gated.Threshold
                : ratio.Lower > 1 + gated.Threshold;
            return beyond
                ? Result(GateVerdict.Fail, $"regressed: {changeText}, wholly beyond the {Percent(gated.Threshold)} threshold", ratio: ratio, test: test)
                : Result(GateVerdict.Warn, $"significant but within reach of the {Percent(gated.Threshold)} threshold: {changeText}", ratio: ratio, test: test);
        }

        var detectable = cv is { } noise ? PowerAnalysis.MinimumDetectableEffect(noise, Math.Min(a.Length, b.Length), options.Alpha, options.Power) : double.PositiveInfinity;
        if (detectable > gated.Threshold)
        {
            return Result(GateVerdict.Inconclusive,
                $"too noisy: CV {Percent(cv ?? double.NaN)} with {Math.Min(a.Length, b.Length)} repetitions detects only changes ≥ {Percent(detectable)}, threshold {Percent(gated.Threshold)}; needs {needed} a side",
                needed, ratio, test);
        }
        return Result(GateVerdict.Pass, $"no significant change: {changeText}", ratio: ratio, test: test);
    }

    private static IEnumerable<EnvironmentDifference> CellDifferences(
        IReadOnlyDictionary<CellGroupKey, List<CellResult>> baseline, IReadOnlyDictionary<CellGroupKey, List<CellResult>> current)
    {
        foreach (var (key, cells) in baseline)
        {
            if (!current.TryGetValue(key, out var other))
                continue;
            var label = $"{key.Path} at underlay MTU {key.UnderlayMtu.ToString(CultureInfo.InvariantCulture)}";
            var podA = FirstOf(cells, c => c.PodMtu);
            var podB = FirstOf(other, c => c.PodMtu);
            if (podA != podB)
                yield return new EnvironmentDifference($"{label} pod MTU", Text(podA), Text(podB));
            var pathA = FirstOf(cells, c => c.ObservedPathMtu);
            var pathB = FirstOf(other, c => c.ObservedPathMtu);
            if (pathA is not null && pathB is not null && pathA != pathB)
                yield return new EnvironmentDifference($"{label} observed path MTU", Text(pathA), Text(pathB));
        }
        // A datapath that ran in the kernel on one side and in userspace on the other matches no cell; say why.
        var implA = baseline.Keys.GroupBy(k => k.Path).ToDictionary(g => g.Key, g => ImplText(g));
        var implB = current.Keys.GroupBy(k => k.Path).ToDictionary(g => g.Key, g => ImplText(g));
        foreach (var path in implA.Keys.Intersect(implB.Keys).Order(StringComparer.Ordinal))
        {
            if (implA[path] != implB[path])
                yield return new EnvironmentDifference($"{path} implementation", implA[path], implB[path]);
        }
    }

    private static string ImplText(IEnumerable<CellGroupKey> keys) =>
        string.Join("+", keys.Select(k => k.Impl.ToString().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal));

    private static int? FirstOf(IEnumerable<CellResult> cells, Func<CellResult, int?> read) =>
        cells.Where(c => c.Status == CellStatus.Ok).Select(read).FirstOrDefault(v => v is not null);

    private static string Text(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "absent";

    private static Dictionary<CellGroupKey, List<CellResult>> Group(IReadOnlyList<CellResult> cells)
    {
        var groups = new Dictionary<CellGroupKey, List<CellResult>>();
        foreach (var cell in cells)
        {
            var key = CellGroupKey.Of(cell);
            if (!groups.TryGetValue(key, out var list))
                groups[key] = list = [];
            list.Add(cell);
        }
        return groups;
    }

    private static double[] Values(IEnumerable<CellResult> cells, ResultMetric metric) =>
        cells.Where(c => c.Status == CellStatus.Ok)
            .Select(metric.Read)
            .Where(v => v is { } x && double.IsFinite(x))
            .Select(v => v!.Value)
            .ToArray();

    private static double? Cv(double[] values)
    {
        if (values.Length < 2)
            return null;
        var cv = SampleStatistics.CoefficientOfVariation(values);
        return double.IsNaN(cv) ? null : cv;
    }

    /// <summary>Root mean square of the two CVs: the noise the minimum detectable effect formula assumes on
    /// each side. Null when either side has fewer than two values.</summary>
    private static double? PooledCv(double[] a, double[] b) =>
        Cv(a) is { } x && Cv(b) is { } y ? Math.Sqrt((x * x + y * y) / 2) : null;

    private static string ChangeText(ResultMetric metric, ConfidenceInterval ratio) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{metric.Name} {SignedPercent(ratio.Estimate - 1)} ({Percent(ratio.Coverage, 1)} interval {SignedPercent(ratio.Lower - 1)} to {SignedPercent(ratio.Upper - 1)})");

    internal static string Percent(double fraction, int decimals = 1) =>
        double.IsFinite(fraction) ? (fraction * 100).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) + " %" : "n/a";

    internal static string SignedPercent(double fraction) =>
        (fraction >= 0 ? "+" : "") + Percent(fraction);

    internal static string Format(double value) => value.ToString("G3", CultureInfo.InvariantCulture);

    private static string Describe(IEnumerable<CellGroupKey> keys)
    {
        var list = keys.Take(3).Select(k => k.ToString()).ToList();
        return list.Count == 0 ? "no cells" : string.Join("; ", list) + (keys.Count() > 3 ? "; …" : "");
    }
}
