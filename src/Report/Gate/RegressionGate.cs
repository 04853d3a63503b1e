using System.Globalization;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Report.Gate;

/// <summary>The CI regression gate (methodology §4, issue 14): compares a current run with one or more baseline
/// runs, cell by cell and metric by metric, and fails only on a regression it can show — significant across the
/// whole family of comparisons and estimated beyond the threshold — or on a structural one.</summary>
/// <remarks>
/// <see cref="GateDecisionRule"/> holds the rule and docs/methodology.md its operating characteristics. Here: the
/// matching of cells, the structural regressions (interrupted run, missing cell group, kernel → userspace, new
/// failures, skipped cells), the choice between a within-run comparison (one baseline) and a run-to-run one (two
/// or more), and the sentences that explain every verdict.
/// </remarks>
public static class RegressionGate
{
    /// <summary>Baseline runs above this count add little to the run-to-run estimate; the search for how many
    /// would decide stops here.</summary>
    private const int MaxBaselineRunsAdvised = 50;

    public static GateReport Evaluate(ResultsDocument baseline, ResultsDocument current, GateOptions options) =>
        Evaluate([baseline], current, options);

    public static GateReport Evaluate(IReadOnlyList<ResultsDocument> baselines, ResultsDocument current, GateOptions options)
    {
        if (!(options.Alpha > 0 && options.Alpha < 0.5))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"alpha must be between 0 and 0.5, not {options.Alpha}");
        if (options.Metrics.Count == 0)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, "the gate has no metric to check");
        if (options.Metrics.FirstOrDefault(m => !(m.Threshold > 0 && m.Threshold < 1)) is { } bad)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"the threshold of {bad.Metric.Name} must be above 0 % and below 100 %");
        if (baselines.Count == 0)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, "the gate needs at least one baseline run");

        var baselineGroups = baselines.Select(b => Group(b.Cells)).ToList();
        var baselineKeys = baselineGroups.SelectMany(g => g.Keys).Distinct().ToList();
        var currentGroups = Group(current.Cells);
        var matched = baselineKeys.Where(currentGroups.ContainsKey).ToList();
        var structural = Structural(baselineGroups, baselineKeys, current, currentGroups);
        if (matched.Count == 0 && !structural.Any(s => s.Kind == StructuralKind.KernelToUserspace))
        {
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"no cell of the current run matches the baseline (baseline has {Describe(baselineKeys)}; current has {Describe(currentGroups.Keys)})");
        }

        var differences = new List<EnvironmentDifference>();
        foreach (var baseline in baselines)
        {
            var prefix = baselines.Count > 1 ? $"{baseline.RunId}: " : "";
            differences.AddRange(EnvironmentComparer.Compare(baseline.Environment, current.Environment)
                .Select(d => d with { Item = prefix + d.Item }));
        }
        var firstBaseline = new Dictionary<CellGroupKey, List<CellResult>>();
        foreach (var key in baselineKeys)
            firstBaseline[key] = baselineGroups.First(g => g.ContainsKey(key))[key];
        differences.AddRange(CellDifferences(firstBaseline, currentGroups));

        var comparisons = Compare(matched, baselineGroups, currentGroups, options);
        if (comparisons.Count == 0 && structural.Count == 0)
        {
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"the matched cells carry none of the gated metrics ({string.Join(", ", options.Metrics.Select(m => m.Metric.Name))})");
        }

        var verdict = structural.Count > 0 || comparisons.Any(c => c.Verdict == GateVerdict.Fail) || (options.RequireSameEnvironment && differences.Count > 0)
            ? GateVerdict.Fail
            : comparisons.Any(c => c.Verdict == GateVerdict.Inconclusive) ? GateVerdict.Inconclusive
            : comparisons.Any(c => c.Verdict == GateVerdict.Warn) ? GateVerdict.Warn
            : GateVerdict.Pass;
        return new GateReport(baselines, current, options, differences, structural, comparisons,
            baselineKeys.Where(k => !currentGroups.ContainsKey(k)).ToList(),
            currentGroups.Keys.Where(k => !baselineKeys.Contains(k)).ToList(),
            verdict);
    }

    /// <summary>A comparison waiting for the family-wide adjustment, or already decided without one.</summary>
    private sealed record Pending(CellGroupKey Key, GateMetric Gated, double[] Pooled, double[] Current, double[] FirstRun,
        ChangeEvidence? Evidence, MetricComparison? Decided);

    private static List<MetricComparison> Compare(List<CellGroupKey> matched, List<Dictionary<CellGroupKey, List<CellResult>>> baselineGroups,
        Dictionary<CellGroupKey, List<CellResult>> currentGroups, GateOptions options)
    {
        var pending = new List<Pending>();
        foreach (var key in matched)
        {
            foreach (var gated in options.Metrics)
            {
                var runs = baselineGroups.Where(g => g.ContainsKey(key)).Select(g => Values(g[key], gated.Metric)).Where(v => v.Length > 0).ToList();
                var b = Values(currentGroups[key], gated.Metric);
                if (runs.Count == 0 && b.Length == 0)
                    continue; // this test does not produce the metric
                pending.Add(Prepare(key, gated, runs, b, currentGroups[key], options));
            }
        }

        var family = pending.Where(p => p.Evidence is not null).ToList();
        var decisions = GateDecisionRule.DecideFamily(
            family.Select(p => (p.Evidence!, p.Gated.Threshold, p.Gated.Metric.Direction)).ToList(), options.Alpha);
        var decided = new Dictionary<Pending, (GateVerdict Verdict, double Adjusted)>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < family.Count; i++)
            decided[family[i]] = decisions[i];

        return pending.Select(p => p.Decided ?? Explain(p, decided[p].Verdict, decided[p].Adjusted, options)).ToList();
    }

    private static Pending Prepare(CellGroupKey key, GateMetric gated, List<double[]> runs, double[] b, List<CellResult> currentCells, GateOptions options)
    {
        var metric = gated.Metric;
        var a = runs.SelectMany(r => r).ToArray();
        var first = runs.FirstOrDefault() ?? [];
        Pending Done(GateVerdict verdict, string explanation, int? needed = null, MannWhitneyResult? test = null) =>
            new(key, gated, a, b, first, null, Result(key, gated, a, b, first, verdict, explanation, runs.Count, needed, test: test));

        var floorNeeded = PowerAnalysis.RepetitionsToReachAlpha(2 * options.Alpha);
        if (a.Length == 0)
            return Done(GateVerdict.Inconclusive, "the baseline has no successful repetition with this metric", floorNeeded);
        if (b.Length == 0)
        {
            var failed = currentCells.Where(c => c.Status == CellStatus.Failed).ToList();
            if (failed.Count > 0)
                return Done(GateVerdict.Fail, $"every current repetition failed ({failed.Count}): {failed[0].Reason ?? "no reason given"}");
            var skipped = currentCells.FirstOrDefault(c => c.Status == CellStatus.Skipped);
            return skipped is not null
                ? Done(GateVerdict.Fail, $"the current run skipped this cell, which the baseline measured: {skipped.Reason ?? "no reason given"}")
                : Done(GateVerdict.Inconclusive, "the current run did not measure this metric", floorNeeded);
        }
        if (a.Concat(b).Any(v => v <= 0))
        {
            var test = MannWhitneyTest.Compute(a, b);
            return a.Concat(b).All(v => v == 0)
                ? Done(GateVerdict.Pass, "zero in every repetition on both sides", test: test)
                : Done(GateVerdict.Inconclusive, "a ratio is undefined for values ≤ 0", test: test);
        }

        if (runs.Count >= 2)
        {
            var evidence = GateDecisionRule.RunToRun(runs, b, metric.Direction, options.Alpha);
            if (evidence is null)
                return Done(GateVerdict.Inconclusive, $"the {runs.Count} baseline runs have exactly the same median, so their run-to-run spread cannot be estimated");
            return new(key, gated, a, b, first, evidence, null);
        }
        return new(key, gated, a, b, first, GateDecisionRule.WithinRun(first, b, metric.Direction, options.Alpha), null);
    }

    private static MetricComparison Explain(Pending p, GateVerdict verdict, double adjusted, GateOptions options)
    {
        var evidence = p.Evidence!;
        var metric = p.Gated.Metric;
        var threshold = p.Gated.Threshold;
        var ratio = evidence.Ratio;
        var alphaText = Format(options.Alpha);
        var changeText = ChangeText(metric, ratio);
        var significance = string.Create(CultureInfo.InvariantCulture, $"adjusted p {Format(adjusted)} {(adjusted <= options.Alpha ? "≤" : ">")} α = {alphaText}");
        int? needed = null;
        int? runsNeeded = null;
        string explanation;
        switch (verdict)
        {
            case GateVerdict.Fail:
                explanation = $"regressed: {changeText}; significant ({significance}) and estimated beyond the {Percent(threshold, 0)} threshold";
                break;
            case GateVerdict.Warn:
                explanation = $"significant ({significance}) but shown within the {Percent(threshold, 0)} threshold: {changeText}";
                break;
            case GateVerdict.Pass:
                explanation = GateDecisionRule.IsWorse(ratio.Estimate, metric.Direction)
                    ? $"shown within the {Percent(threshold, 0)} threshold: {changeText}"
                    : $"improved or unchanged, shown within the {Percent(threshold, 0)} threshold: {changeText}";
                break;
            default:
                (explanation, needed, runsNeeded) = Inconclusive(p, evidence, threshold, significance, changeText, options);
                break;
        }
        return Result(p.Key, p.Gated, p.Pooled, p.Current, p.FirstRun, verdict, explanation, evidence.BaselineRuns, needed, runsNeeded,
            evidence, adjusted);
    }

    /// <summary>Why neither a pass nor a fail was shown, and what would decide it.</summary>
    private static (string Explanation, int? RepetitionsNeeded, int? BaselineRunsNeeded) Inconclusive(Pending p, ChangeEvidence evidence,
        double threshold, string significance, string changeText, GateOptions options)
    {
        var ratio = evidence.Ratio;
        var beyond = GateDecisionRule.IsBeyond(ratio.Estimate, threshold, p.Gated.Metric.Direction);
        var neither = beyond
            ? $"estimated beyond the {Percent(threshold, 0)} threshold but not significant ({significance})"
            : $"the interval reaches beyond the {Percent(threshold, 0)} threshold";
        if (evidence.Model == ChangeModel.RunToRun)
        {
            var spread = evidence.RunToRunSpread!.Value;
            var runs = BaselineRunsToPass(spread, threshold, options);
            var ask = runs is { } k
                ? string.Create(CultureInfo.InvariantCulture, $"a run without change would pass with {k} baseline runs at this spread")
                : $"no number of baseline runs up to {MaxBaselineRunsAdvised} would let a run pass at this spread: a quieter runner or a larger threshold";
            return ($"{neither}: {changeText}; the {evidence.BaselineRuns} baseline runs spread {Percent(spread)} from run to run; {ask}", null, runs);
        }

        var cv = PooledCv(p.FirstRun, p.Current);
        var floor = PowerAnalysis.RepetitionsToReachAlpha(2 * options.Alpha);
        var needed = Math.Max(floor, cv is { } c ? PowerAnalysis.RequiredRepetitions(threshold, c, 2 * options.Alpha, options.Power) : floor);
        var neededText = string.Create(CultureInfo.InvariantCulture, $"needs {needed} a side");
        if (!ratio.ReachesLevel)
        {
            return (string.Create(CultureInfo.InvariantCulture,
                $"with {p.FirstRun.Length} and {p.Current.Length} repetitions no interval reaches {CoverageText.Percent(ratio.ConfidenceLevel)} (the widest covers {CoverageText.Percent(ratio.Coverage)}) and the smallest possible one-sided p is {Format(MannWhitneyDistribution.SmallestTwoSidedPValue(p.FirstRun.Length, p.Current.Length) / 2)}, so neither a pass nor a fail can be shown: {changeText}; {neededText}"),
                needed, null);
        }
        return ($"{neither}: {changeText}; CV {Percent(cv ?? double.NaN)}, {neededText}", needed, null);
    }

    /// <summary>The fewest baseline runs k with which a current run without change passes with the configured power:
    /// (t₁₋α + t_power)·s·√(1 + 1/k) ≤ log(1 + T), t with k − 1 degrees of freedom.</summary>
    private static int? BaselineRunsToPass(double spread, double threshold, GateOptions options)
    {
        var margin = Math.Min(-Math.Log(1 - threshold), Math.Log(1 + threshold));
        for (var k = 2; k <= MaxBaselineRunsAdvised; k++)
        {
            var t = StudentTDistribution.Quantile(1 - options.Alpha, k - 1) + StudentTDistribution.Quantile(options.Power, k - 1);
            if (t * spread * Math.Sqrt(1 + 1.0 / k) <= margin)
                return k;
        }
        return null;
    }

    private static MetricComparison Result(CellGroupKey key, GateMetric gated, double[] pooled, double[] current, double[] firstRun,
        GateVerdict verdict, string explanation, int baselineRuns, int? needed = null, int? runsNeeded = null, ChangeEvidence? evidence = null,
        double? adjusted = null, MannWhitneyResult? test = null) =>
        new(key, gated.Metric, gated.Threshold, pooled.Length, current.Length,
            pooled.Length > 0 ? SampleStatistics.Median(pooled) : null, current.Length > 0 ? SampleStatistics.Median(current) : null,
            Cv(firstRun), Cv(current), evidence?.Ratio, evidence?.Test ?? test, verdict, needed, explanation,
            evidence?.Model ?? (baselineRuns >= 2 ? ChangeModel.RunToRun : ChangeModel.WithinRun),
            evidence?.RegressionPValue, adjusted, baselineRuns, evidence?.RunToRunSpread, runsNeeded);

    /// <summary>Changes in the shape of the run: each fails the gate and says which cell.</summary>
    private static List<StructuralRegression> Structural(List<Dictionary<CellGroupKey, List<CellResult>>> baselineGroups,
        List<CellGroupKey> baselineKeys, ResultsDocument current, Dictionary<CellGroupKey, List<CellResult>> currentGroups)
    {
        var found = new List<StructuralRegression>();
        if (current.Interrupted)
        {
            found.Add(new StructuralRegression(StructuralKind.Interrupted, "",
                $"the current run {current.RunId} did not finish (its document was recovered from the journal), so what it lacks cannot be told from a regression"));
        }
        bool MeasuredInBaseline(CellGroupKey key) =>
            baselineGroups.Any(g => g.TryGetValue(key, out var cells) && cells.Any(c => c.Status == CellStatus.Ok));

        foreach (var key in baselineKeys)
        {
            if (currentGroups.TryGetValue(key, out var now))
            {
                var failed = now.Where(c => c.Status == CellStatus.Failed).ToList();
                var failedBefore = baselineGroups.Sum(g => g.TryGetValue(key, out var cells) ? cells.Count(c => c.Status == CellStatus.Failed) : 0);
                if (failed.Count > 0 && failedBefore == 0)
                {
                    found.Add(new StructuralRegression(StructuralKind.NewFailures, key.ToString(),
                        string.Create(CultureInfo.InvariantCulture,
                            $"{failed.Count} of {now.Count} repetitions failed where the baseline had no failure: {failed[0].Reason ?? "no reason given"}")));
                }
                if (now.All(c => c.Status == CellStatus.Skipped) && MeasuredInBaseline(key))
                {
                    found.Add(new StructuralRegression(StructuralKind.Skipped, key.ToString(),
                        $"skipped in the current run, measured in the baseline: {now[0].Reason ?? "no reason given"}"));
                }
                continue;
            }
            if (!MeasuredInBaseline(key))
                continue;
            var userspace = key with { Impl = DatapathImplementation.Userspace };
            if (key.Impl == DatapathImplementation.Kernel && currentGroups.ContainsKey(userspace))
            {
                found.Add(new StructuralRegression(StructuralKind.KernelToUserspace, key.ToString(),
                    $"{key.Path} ran in userspace in the current run; the baseline ran it in the kernel"));
            }
            else
            {
                found.Add(new StructuralRegression(StructuralKind.Missing, key.ToString(), "measured in the baseline, absent from the current run"));
            }
        }
        return found;
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
        $"{metric.Name} {SignedPercent(ratio.Estimate - 1)} ({CoverageText.Percent(ratio.Coverage)} interval {SignedPercent(ratio.Lower - 1)} to {SignedPercent(ratio.Upper - 1)})";

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
