using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;
using PerfSuite.Report.Gate;

namespace PerfSuite.Report.Tests.Gate;

/// <summary>Issue 14's acceptance cases for the gate, on synthetic runs whose truth is known. The command maps
/// fail → exit 1, inconclusive → 3, pass and warn → 0 (GateRun).</summary>
public sealed class GateAcceptanceTests
{
    private static readonly GateOptions Threshold5 = new(GateMetric.Resolve(0.05, []));

    [Fact]
    public void A_six_percent_drop_at_cv_1_5_percent_ten_against_ten_fails()
    {
        // Given ten repetitions a side at CV 1.5 %, the current run 6 % lower, threshold 5 %
        var baseline = SyntheticRuns.Quantiles(10, 9e9, 0.015);
        var current = baseline.Select(g => g * 0.94).Reverse().ToArray();

        // When
        var report = Gate([Doc("base", baseline)], Doc("cur", current));

        // Then the regression is significant and estimated beyond 5 %: fail (exit 1)
        var goodput = Goodput(report);
        Assert.Equal(GateVerdict.Fail, goodput.Verdict);
        Assert.Equal(GateVerdict.Fail, report.Verdict);
        Assert.Equal(0.94, goodput.Ratio!.Estimate, 1e-9);
        Assert.True(goodput.AdjustedPValue <= 0.01);
        Assert.StartsWith("regressed: goodputBps −6.0 %", goodput.Explanation.Replace("-6.0", "−6.0", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_distribution_passes()
    {
        // Given ten repetitions a side from the same distribution at CV 1.5 %
        var baseline = SyntheticRuns.Quantiles(10, 9e9, 0.015);
        var current = baseline.Reverse().ToArray();

        // When
        var report = Gate([Doc("base", baseline)], Doc("cur", current));

        // Then the data show the change is within 5 %: pass (exit 0)
        Assert.Equal(GateVerdict.Pass, Goodput(report).Verdict);
        Assert.Equal(GateVerdict.Pass, report.Verdict);
        Assert.True(Goodput(report).Ratio!.Lower > 0.95);
    }

    [Fact]
    public void Three_against_three_at_cv_15_percent_with_a_ten_percent_drop_is_not_a_pass()
    {
        // Given three repetitions a side at CV 15 %, the current run 10 % lower
        var baseline = SyntheticRuns.Quantiles(3, 9e9, 0.15);
        var current = baseline.Select(g => g * 0.90).ToArray();

        // When
        var report = Gate([Doc("base", baseline)], Doc("cur", current));

        // Then nothing is shown either way: inconclusive (exit 3), never a pass
        Assert.Equal(0.90, Goodput(report).Ratio!.Estimate, 1e-9);
        Assert.Equal(GateVerdict.Inconclusive, Goodput(report).Verdict);
        Assert.Equal(GateVerdict.Inconclusive, report.Verdict);
    }

    [Fact]
    public void A_path_that_fell_back_from_kernel_to_userspace_fails_and_says_which()
    {
        // Given vxlan in the kernel before and in userspace now, with the same goodput
        var values = SyntheticRuns.Quantiles(10, 9e9, 0.015);
        var baseline = Doc("base", values, "native").Cells.Concat(Doc("base", values).Cells);
        var current = Doc("cur", values, "native").Cells
            .Concat(Doc("cur", values).Cells.Select(c => c with { Impl = DatapathImplementation.Userspace }));

        // When
        var report = Gate([SyntheticRuns.Document("base", baseline)], SyntheticRuns.Document("cur", current));

        // Then fail (exit 1), naming the cell and the fallback
        Assert.Equal(GateVerdict.Fail, report.Verdict);
        var structural = Assert.Single(report.Structural);
        Assert.Equal(StructuralKind.KernelToUserspace, structural.Kind);
        Assert.StartsWith("vxlan/kernel mtu 1500", structural.Cell);
        Assert.Contains("vxlan ran in userspace", structural.Explanation);
    }

    [Theory]
    // −5 % is the case; −8 % is estimated beyond the threshold, so only the run-to-run spread keeps it from failing
    [InlineData(0.95)]
    [InlineData(0.92)]
    public void A_shift_inside_the_spread_of_four_baselines_does_not_fail(double factor)
    {
        // Given four baseline runs whose medians spread ±6 % and a current run 5 % (8 %) below their centre
        var baselines = FourBaselines();
        var current = Doc("cur", SyntheticRuns.Quantiles(5, 9e9 * factor, 0.015));

        // When
        var report = Gate(baselines, current);

        // Then the shift is within the run-to-run noise: not a fail (here inconclusive, exit 3), and the
        // comparison was run-to-run over the four baselines
        var goodput = Goodput(report);
        Assert.Equal(ChangeModel.RunToRun, goodput.Model);
        Assert.Equal(4, goodput.BaselineRuns);
        Assert.InRange(goodput.RunToRunSpread!.Value, 0.045, 0.06);
        Assert.NotEqual(GateVerdict.Fail, goodput.Verdict);
        Assert.NotEqual(GateVerdict.Fail, report.Verdict);
        Assert.Contains("baseline runs spread", goodput.Explanation);
    }

    [Fact]
    public void A_shift_far_outside_the_spread_of_four_baselines_fails()
    {
        // Given the same four baselines and a current run 30 % below their centre
        var baselines = FourBaselines();
        var current = Doc("cur", SyntheticRuns.Quantiles(5, 9e9 * 0.70, 0.015));

        // When
        var report = Gate(baselines, current);

        // Then fail (exit 1)
        var goodput = Goodput(report);
        Assert.Equal(ChangeModel.RunToRun, goodput.Model);
        Assert.Equal(GateVerdict.Fail, goodput.Verdict);
        Assert.Equal(GateVerdict.Fail, report.Verdict);
        Assert.InRange(goodput.Ratio!.Estimate, 0.69, 0.71);
    }

    [Fact]
    public void With_one_baseline_the_same_five_percent_drop_would_fail_on_drift()
    {
        // Given only the fastest of the four baselines (+6 %) and the current run 5 % below the centre: an 11 %
        // drop against that one run, which the within-run model cannot tell from drift
        var current = Doc("cur", SyntheticRuns.Quantiles(5, 9e9 * 0.95, 0.015));

        // When
        var report = Gate([FourBaselines()[0]], current);

        // Then the within-run comparison fails: the reason several baselines are worth giving
        Assert.Equal(ChangeModel.WithinRun, Goodput(report).Model);
        Assert.Equal(GateVerdict.Fail, Goodput(report).Verdict);
    }

    [Fact]
    public void A_cell_group_missing_from_the_current_run_fails_and_says_which()
    {
        var values = SyntheticRuns.Quantiles(10, 9e9, 0.015);
        var baseline = SyntheticRuns.Document("base", Doc("base", values, "native").Cells.Concat(Doc("base", values).Cells));
        var current = Doc("cur", values, "native");

        var report = Gate([baseline], current);

        Assert.Equal(GateVerdict.Fail, report.Verdict);
        var structural = Assert.Single(report.Structural);
        Assert.Equal(StructuralKind.Missing, structural.Kind);
        Assert.StartsWith("vxlan/kernel", structural.Cell);
    }

    [Fact]
    public void Failed_repetitions_where_the_baseline_had_none_fail_and_say_which()
    {
        // Given nine good repetitions and one failed one, where the baseline had ten good ones
        var values = SyntheticRuns.Quantiles(10, 9e9, 0.015);
        var cells = Doc("cur", values).Cells.ToList();
        cells[3] = cells[3] with { Status = CellStatus.Failed, Reason = "agent exited with code 137", Metrics = null };

        var report = Gate([Doc("base", values)], SyntheticRuns.Document("cur", cells));

        Assert.Equal(GateVerdict.Fail, report.Verdict);
        var structural = Assert.Single(report.Structural);
        Assert.Equal(StructuralKind.NewFailures, structural.Kind);
        Assert.Contains("1 of 10 repetitions failed", structural.Explanation);
        Assert.Contains("agent exited with code 137", structural.Explanation);
    }

    [Fact]
    public void A_cell_the_baseline_measured_and_the_current_run_skipped_fails_and_says_why()
    {
        var values = SyntheticRuns.Quantiles(10, 9e9, 0.015);
        var current = SyntheticRuns.Document("cur", Doc("cur", values).Cells
            .Select(c => c with { Status = CellStatus.Skipped, Reason = "vxlan module missing", Metrics = null }));

        var report = Gate([Doc("base", values)], current);

        Assert.Equal(GateVerdict.Fail, report.Verdict);
        var structural = Assert.Single(report.Structural);
        Assert.Equal(StructuralKind.Skipped, structural.Kind);
        Assert.Contains("vxlan module missing", structural.Explanation);
        Assert.Equal(GateVerdict.Fail, Goodput(report).Verdict);
    }

    [Fact]
    public void An_interrupted_current_run_fails_and_says_so()
    {
        var values = SyntheticRuns.Quantiles(10, 9e9, 0.015);
        var current = Doc("cur", values) with { FinishedUtc = null };

        var report = Gate([Doc("base", values)], current);

        Assert.Equal(GateVerdict.Fail, report.Verdict);
        Assert.Equal(StructuralKind.Interrupted, Assert.Single(report.Structural).Kind);
        Assert.Equal(GateVerdict.Pass, Goodput(report).Verdict);
    }

    [Fact]
    public void Noise_across_many_cells_does_not_fail_but_one_real_regression_among_them_does()
    {
        // Given 40 datapath-like cells of 10 repetitions at CV 8 % with no change, except, in the second case, one
        // that dropped 30 %
        var baselineCells = new List<CellResult>();
        var currentCells = new List<CellResult>();
        var regressedCells = new List<CellResult>();
        for (var i = 0; i < 40; i++)
        {
            var mtu = 1000 + i;
            baselineCells.AddRange(SyntheticRuns.StreamCells("vxlan", SyntheticRuns.Draw(10, 9e9, 0.08, 1000 + (ulong)i), mtu: mtu));
            var now = SyntheticRuns.Draw(10, 9e9, 0.08, 2000 + (ulong)i);
            currentCells.AddRange(SyntheticRuns.StreamCells("vxlan", now, mtu: mtu));
            regressedCells.AddRange(SyntheticRuns.StreamCells("vxlan", i == 7 ? now.Select(v => v * 0.7).ToArray() : now, mtu: mtu));
        }
        var baseline = SyntheticRuns.Document("base", baselineCells);

        // When
        var quiet = Gate([baseline], SyntheticRuns.Document("cur", currentCells));
        var regressed = Gate([baseline], SyntheticRuns.Document("cur", regressedCells));

        // Then no cell fails on noise, and the one real regression fails after the false-discovery adjustment
        Assert.DoesNotContain(quiet.Comparisons, c => c.Verdict == GateVerdict.Fail);
        var failed = Assert.Single(regressed.Comparisons, c => c.Verdict == GateVerdict.Fail);
        Assert.Equal(1007, failed.Cell.UnderlayMtu);
        Assert.True(failed.AdjustedPValue >= failed.RegressionPValue);
    }

    /// <summary>Four baseline runs of 5 repetitions at CV 1.5 %, their medians at +6, +2, −2 and −6 % of 9 Gbit/s.</summary>
    private static readonly double[] BaselineFactors = [1.06, 1.02, 0.98, 0.94];

    private static List<ResultsDocument> FourBaselines() =>
        BaselineFactors.Select((f, i) => Doc($"base{i}", SyntheticRuns.Quantiles(5, 9e9 * f, 0.015))).ToList();

    private static GateReport Gate(IReadOnlyList<ResultsDocument> baselines, ResultsDocument current) =>
        RegressionGate.Evaluate(baselines, current, Threshold5);

    private static ResultsDocument Doc(string runId, double[] goodputs, string path = "vxlan") =>
        SyntheticRuns.Document(runId, SyntheticRuns.StreamCells(path, goodputs));

    private static MetricComparison Goodput(GateReport report) =>
        report.Comparisons.Single(c => c.Metric == ResultMetrics.GoodputBps && c.Cell.Path == "vxlan");
}
