using System.Globalization;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;
using PerfSuite.Tune.Apply;
using PerfSuite.Tune.Findings;
using PerfSuite.Tune.Journal;

namespace PerfSuite.Tune.Verify;

/// <summary>
/// <c>tune --apply --verify</c>: applies one finding at a time, measures the path with and without it in an
/// interleaved A B B A … order (so drift hits both states alike while the change is toggled only every second
/// repetition), and keeps the change only if it helps by more than the noise. Every toggle goes through the
/// journal like any other change, so a crash in the middle still rolls back exactly.
/// </summary>
public sealed class ChangeVerifier(ITunableSystem system, TuneJournal journal, IPathMeasurer measurer, VerifyOptions options)
{
    private readonly TuneApplier _applier = new(system, journal);

    /// <summary>The order of the 2n repetitions, starting with the change in place: B A A B B A A B …</summary>
    public static IReadOnlyList<bool> Schedule(int repetitionsPerSide) =>
        Enumerable.Range(0, 2 * repetitionsPerSide).Select(k => (k + 1) / 2 % 2 == 0).ToList();

    public async Task<(AppliedFinding Applied, Verification Verification)> VerifyAsync(Finding finding, CancellationToken cancellationToken)
    {
        if (finding.Action == FindingAction.Advise)
            throw new InvalidOperationException($"finding {finding.Id} is advice and is never applied");
        var first = _applier.Apply(finding);
        if (first.Status != AppliedStatus.Applied)
        {
            _applier.Undo(first, "verify: the change did not take, nothing to measure");
            return (first, new Verification(finding.Id, options.Path, measurer.Metric, [], [], null, null, null, null,
                VerifyDecision.NotTaken, "the change did not fully take (see the read-back), so it was undone without measuring"));
        }

        var current = first;
        var changed = true;
        var before = new List<double>();
        var after = new List<double>();
        try
        {
            foreach (var withChange in Schedule(options.RepetitionsPerSide))
            {
                if (withChange != changed)
                {
                    if (withChange)
                        current = Reapply(finding);
                    else
                        _applier.Undo(current, "verify: measuring the state before the change");
                    changed = withChange;
                }
                var sample = await measurer.MeasureAsync(options.Path, 1, cancellationToken);
                (withChange ? after : before).Add(sample.Count == 1
                    ? sample[0]
                    : throw new PerfSuiteException(ErrorReason.Protocol, $"the measurer returned {sample.Count} samples for one repetition"));
            }
        }
        catch (OperationCanceledException)
        {
            // Interrupted: leave the finding as it was before verification began; kept findings stay.
            if (changed)
                _applier.Undo(current, "verify: interrupted");
            throw;
        }
        catch (PerfSuiteException e)
        {
            if (changed)
                _applier.Undo(current, "verify: the measurement failed");
            return (first, new Verification(finding.Id, options.Path, measurer.Metric, before, after, Median(before), Median(after),
                null, null, VerifyDecision.RolledBack,
                $"the measurement failed {(changed ? "with" : "without")} the change ({e.Message}); the change was undone"));
        }

        var (keep, ratio, p, reason) = Judge(before, after);
        if (keep && !changed)
            current = Reapply(finding);
        else if (!keep && changed)
            _applier.Undo(current, $"verify: {reason}");
        return (current, new Verification(finding.Id, options.Path, measurer.Metric, before, after, Median(before), Median(after),
            ratio, p, keep ? VerifyDecision.Kept : VerifyDecision.RolledBack, reason));
    }

    private AppliedFinding Reapply(Finding finding)
    {
        var again = _applier.Apply(finding);
        if (again.Status != AppliedStatus.Applied)
            throw new PerfSuiteException(ErrorReason.Failed, $"re-applying {finding.Id} between repetitions did not take");
        return again;
    }

    private (bool Keep, ConfidenceInterval? Ratio, double? P, string Reason) Judge(List<double> before, List<double> after)
    {
        var ci = CultureInfo.InvariantCulture;
        var test = MannWhitneyTest.Compute(before.ToArray(), after.ToArray());
        if (after.Any(s => s <= 0) || before.Any(s => s <= 0))
        {
            var brokeAfter = after.Any(s => s <= 0);
            return (false, null, test.PValue, brokeAfter
                ? "the path measured 0 with the change in place (it broke the path)"
                : "the path measured 0 without the change, so no ratio can be formed; not kept without a clean comparison");
        }
        var ratio = HodgesLehmann.Ratio(before.ToArray(), after.ToArray(), 1 - options.Alpha);
        var better = measurer.HigherIsBetter ? ratio.Lower > 1 : ratio.Upper < 1;
        var significant = test.PValue < options.Alpha;
        var numbers = string.Create(ci,
            $"{measurer.Metric} after/before {ratio.Estimate:0.000} [{ratio.Lower:0.000}, {ratio.Upper:0.000}], p = {test.PValue:0.####}");
        if (significant && better)
            return (true, ratio, test.PValue, $"helps beyond the noise: {numbers}");
        var worse = measurer.HigherIsBetter ? ratio.Upper < 1 : ratio.Lower > 1;
        if (significant && worse)
            return (false, ratio, test.PValue, $"makes it worse: {numbers}");
        return (false, ratio, test.PValue, $"no gain beyond the noise: {numbers}");
    }

    private static double? Median(List<double> samples) => samples.Count == 0 ? null : SampleStatistics.Median(samples.ToArray());
}
