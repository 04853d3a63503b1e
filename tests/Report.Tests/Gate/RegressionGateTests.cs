using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;
using PerfSuite.Report.Gate;

namespace PerfSuite.Report.Tests.Gate;

public sealed class RegressionGateTests
{
    private static readonly GateOptions Defaults = new(GateMetric.Defaults);

    [Fact]
    public void Equal_distributions_pass()
    {
        // Given 50 pairs of runs of 10 repetitions drawn from the same distribution (CV 1.5 %)
        var verdicts = new List<GateVerdict>();
        for (ulong seed = 0; seed < 50; seed++)
        {
            var baseline = SyntheticRuns.Draw(10, 9e9, 0.015, 2 * seed + 1);
            var current = SyntheticRuns.Draw(10, 9e9, 0.015, 2 * seed + 2);

            // When
            verdicts.Add(Goodput(Gate(baseline, current)).Verdict);
        }

        // Then none fails, and at α = 0.01 at most a few are flagged by chance
        Assert.DoesNotContain(GateVerdict.Fail, verdicts);
        Assert.True(verdicts.Count(v => v == GateVerdict.Pass) >= 47, string.Join(", ", verdicts));
    }

    [Fact]
    public void A_ten_percent_drop_with_ten_repetitions_fails()
    {
        for (ulong seed = 0; seed < 20; seed++)
        {
            // Given current goodput truly 10 % below the baseline, CV 2 %, 10 repetitions a side
            var baseline = SyntheticRuns.Draw(10, 9e9, 0.02, 100 + seed);
            var current = SyntheticRuns.Draw(10, 8.1e9, 0.02, 200 + seed);

            // When
            var report = Gate(baseline, current);
            var goodput = Goodput(report);

            // Then the gate fails, with an estimate near −10 % and the whole interval beyond −5 %
            Assert.Equal(GateVerdict.Fail, goodput.Verdict);
            Assert.Equal(GateVerdict.Fail, report.Verdict);
            Assert.InRange(goodput.Ratio!.Estimate, 0.87, 0.93);
            Assert.True(goodput.Ratio.Upper < 0.95);
            Assert.True(goodput.Test!.PValue < 0.01);
            Assert.Contains("regressed", goodput.Explanation);
        }
    }

    [Fact]
    public void Three_repetitions_are_inconclusive_at_alpha_one_percent()
    {
        // Given a large, obvious 20 % drop but only 3 repetitions a side
        var baseline = SyntheticRuns.Draw(3, 9e9, 0.01, 1);
        var current = SyntheticRuns.Draw(3, 7.2e9, 0.01, 2);

        // When
        var goodput = Goodput(Gate(baseline, current));

        // Then no outcome of 3 a side reaches a one-sided p of 0.01 (the smallest is 0.05) and no interval reaches
        // 98 % (the widest covers 90 %): inconclusive, and 5 a side would decide
        Assert.Equal(GateVerdict.Inconclusive, goodput.Verdict);
        Assert.Equal(5, goodput.RepetitionsNeeded);
        Assert.Equal(0.9, goodput.Ratio!.Coverage, 1e-12);
        Assert.Contains("no interval reaches 98 % (the widest covers 90 %)", goodput.Explanation);
        Assert.Contains("smallest possible one-sided p is 0.05", goodput.Explanation);
    }

    [Fact]
    public void Three_repetitions_can_fail_at_alpha_twenty_percent()
    {
        // Given the same obvious drop with α = 0.2, where 3 a side can reach p = 0.1
        var baseline = SyntheticRuns.Draw(3, 9e9, 0.01, 1);
        var current = SyntheticRuns.Draw(3, 7.2e9, 0.01, 2);

        var goodput = Goodput(RegressionGate.Evaluate(Doc("a", baseline), Doc("b", current), Defaults with { Alpha = 0.2 }));

        Assert.Equal(GateVerdict.Fail, goodput.Verdict);
    }

    [Fact]
    public void High_noise_is_inconclusive()
    {
        var verdicts = new List<MetricComparison>();
        for (ulong seed = 0; seed < 20; seed++)
        {
            // Given no true change but 20 % noise, 10 repetitions a side
            var baseline = SyntheticRuns.Draw(10, 9e9, 0.20, 300 + seed);
            var current = SyntheticRuns.Draw(10, 9e9, 0.20, 400 + seed);

            verdicts.Add(Goodput(Gate(baseline, current)));
        }

        // Then the gate refuses to call it a pass: the intervals reach beyond 5 %; it says how many repetitions
        // would let a run without change pass (about ((2.33 + 0.84)·√2·0.2/0.05)² ≈ 320)
        Assert.True(verdicts.Count(v => v.Verdict == GateVerdict.Inconclusive) >= 19);
        Assert.DoesNotContain(verdicts, v => v.Verdict == GateVerdict.Fail);
        var inconclusive = verdicts.First(v => v.Verdict == GateVerdict.Inconclusive && !GateDecisionRule.IsBeyond(v.Ratio!.Estimate, 0.05, MetricDirection.HigherIsBetter));
        Assert.Contains("the interval reaches beyond the 5 % threshold", inconclusive.Explanation);
        Assert.InRange(inconclusive.RepetitionsNeeded!.Value, 150, 1000);
    }

    [Fact]
    public void A_significant_change_smaller_than_the_threshold_warns()
    {
        // Given a 2 % drop measured very precisely (CV 0.3 %): real, but within the 5 % threshold
        var baseline = SyntheticRuns.Draw(10, 9e9, 0.003, 11);
        var current = SyntheticRuns.Draw(10, 8.82e9, 0.003, 12);

        var report = Gate(baseline, current);

        Assert.Equal(GateVerdict.Warn, Goodput(report).Verdict);
        Assert.Equal(GateVerdict.Warn, report.Verdict);
    }

    [Fact]
    public void A_significant_drop_estimated_beyond_the_threshold_fails_even_when_its_interval_reaches_inside_it()
    {
        // Given baseline 100..109 and current 6 % lower: B beats A in only 6 of 100 pairs (p < 0.01), the estimate
        // is −6 %, and the spread of ±4.5 % lets the interval reach above −5 % (issue 14: this used to be a warn)
        var baseline = Enumerable.Range(0, 10).Select(i => (100.0 + i) * 1e8).ToArray();
        var current = baseline.Select(g => g * 0.94).ToArray();

        // When
        var goodput = Goodput(Gate(baseline, current));

        // Then the regression is real and its estimate beyond the threshold: fail
        Assert.Equal(6, goodput.Test!.U);
        Assert.True(goodput.AdjustedPValue < 0.01);
        Assert.InRange(goodput.Ratio!.Estimate, 0.93, 0.95);
        Assert.True(goodput.Ratio.Lower < 0.95 && goodput.Ratio.Upper > 0.95);
        Assert.Equal(GateVerdict.Fail, goodput.Verdict);
    }

    [Fact]
    public void An_improvement_passes()
    {
        var baseline = SyntheticRuns.Draw(10, 9e9, 0.01, 21);
        var current = SyntheticRuns.Draw(10, 9.9e9, 0.01, 22);

        var goodput = Goodput(Gate(baseline, current));

        Assert.Equal(GateVerdict.Pass, goodput.Verdict);
        Assert.StartsWith("improved", goodput.Explanation);
    }

    [Fact]
    public void Lower_is_better_metrics_fail_when_they_rise()
    {
        // Given steady goodput but CPU per Gbit up by 25 %
        var goodput = SyntheticRuns.Draw(10, 9e9, 0.01, 31);
        var cpuBefore = SyntheticRuns.Draw(10, 0.40, 0.02, 32);
        var cpuAfter = SyntheticRuns.Draw(10, 0.50, 0.02, 33);
        var baseline = SyntheticRuns.Document("a", SyntheticRuns.StreamCells("vxlan", goodput, cpuBefore));
        var current = SyntheticRuns.Document("b", SyntheticRuns.StreamCells("vxlan", goodput, cpuAfter));

        // When
        var report = RegressionGate.Evaluate(baseline, current, Defaults);

        // Then
        var cpu = report.Comparisons.Single(c => c.Metric == ResultMetrics.CoreSecondsPerGbit);
        Assert.Equal(GateVerdict.Fail, cpu.Verdict);
        Assert.InRange(cpu.Ratio!.Estimate, 1.2, 1.3);
        Assert.Equal(GateVerdict.Pass, Goodput(report).Verdict);
        Assert.Equal(0.10, cpu.Threshold);
    }

    [Fact]
    public void Latency_and_transactions_are_gated_for_request_response_cells()
    {
        var before = SyntheticRuns.RequestResponseCells("native", SyntheticRuns.Draw(8, 100, 0.02, 41), SyntheticRuns.Draw(8, 20000, 0.02, 42));
        var after = SyntheticRuns.RequestResponseCells("native", SyntheticRuns.Draw(8, 130, 0.02, 43), SyntheticRuns.Draw(8, 20000, 0.02, 44));

        var report = RegressionGate.Evaluate(SyntheticRuns.Document("a", before), SyntheticRuns.Document("b", after), Defaults);

        Assert.Equal(["latencyUs.p99", "transactionsPerSecond"], report.Comparisons.Select(c => c.Metric.Name));
        Assert.Equal(GateVerdict.Fail, report.Comparisons[0].Verdict);
    }

    [Fact]
    public void Cells_are_matched_by_their_key_and_the_rest_are_listed()
    {
        // Given vxlan in both runs, native only in the baseline, ipip only in the current one
        var a = SyntheticRuns.Draw(6, 9e9, 0.01, 51);
        var b = SyntheticRuns.Draw(6, 9e9, 0.01, 52);
        var baseline = SyntheticRuns.Document("a", SyntheticRuns.StreamCells("vxlan", a).Concat(SyntheticRuns.StreamCells("native", a)));
        var current = SyntheticRuns.Document("b", SyntheticRuns.StreamCells("vxlan", b).Concat(SyntheticRuns.StreamCells("ipip", b)));

        var report = RegressionGate.Evaluate(baseline, current, Defaults);

        Assert.All(report.Comparisons, c => Assert.Equal("vxlan", c.Cell.Path));
        Assert.Equal("native", Assert.Single(report.OnlyInBaseline).Path);
        Assert.Equal("ipip", Assert.Single(report.OnlyInCurrent).Path);
    }

    [Fact]
    public void Runs_with_no_cell_in_common_are_bad_input()
    {
        var a = SyntheticRuns.Draw(5, 9e9, 0.01, 61);
        var baseline = SyntheticRuns.Document("a", SyntheticRuns.StreamCells("native", a));
        var current = SyntheticRuns.Document("b", SyntheticRuns.StreamCells("native", a, mtu: 9000));

        var e = Assert.Throws<PerfSuiteException>(() => RegressionGate.Evaluate(baseline, current, Defaults));

        Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
        Assert.StartsWith("no cell of the current run matches the baseline", e.Message);
    }

    [Fact]
    public void A_cell_whose_every_current_repetition_failed_fails()
    {
        var a = SyntheticRuns.Draw(5, 9e9, 0.01, 71);
        var baseline = SyntheticRuns.Document("a", SyntheticRuns.StreamCells("vxlan", a));
        var current = SyntheticRuns.Document("b", SyntheticRuns.StreamCells("vxlan", a)
            .Select(c => c with { Status = CellStatus.Failed, Reason = "agent exited with code 137", Metrics = null }));

        var goodput = Goodput(RegressionGate.Evaluate(baseline, current, Defaults));

        Assert.Equal(GateVerdict.Fail, goodput.Verdict);
        Assert.Contains("agent exited with code 137", goodput.Explanation);
    }

    [Fact]
    public void Thresholds_can_be_set_for_all_and_overridden_per_metric()
    {
        var metrics = GateMetric.Resolve(0.08, [new GateMetric(ResultMetrics.LatencyP999, 0.2), new GateMetric(ResultMetrics.GoodputBps, 0.03)]);

        Assert.Equal(0.03, metrics.Single(m => m.Metric == ResultMetrics.GoodputBps).Threshold);
        Assert.Equal(0.08, metrics.Single(m => m.Metric == ResultMetrics.CoreSecondsPerGbit).Threshold);
        Assert.Equal(0.2, metrics.Single(m => m.Metric == ResultMetrics.LatencyP999).Threshold);
        Assert.Equal(5, metrics.Count);
    }

    [Fact]
    public void A_larger_threshold_turns_the_ten_percent_drop_into_a_warning()
    {
        var baseline = SyntheticRuns.Draw(10, 9e9, 0.02, 100);
        var current = SyntheticRuns.Draw(10, 8.1e9, 0.02, 200);
        var options = Defaults with { Metrics = GateMetric.Resolve(0.15, []) };

        var goodput = Goodput(RegressionGate.Evaluate(Doc("a", baseline), Doc("b", current), options));

        Assert.Equal(GateVerdict.Warn, goodput.Verdict);
    }

    private static GateReport Gate(double[] baseline, double[] current) =>
        RegressionGate.Evaluate(Doc("base", baseline), Doc("cur", current), Defaults);

    private static ResultsDocument Doc(string runId, double[] goodputs) =>
        SyntheticRuns.Document(runId, SyntheticRuns.StreamCells("vxlan", goodputs));

    private static MetricComparison Goodput(GateReport report) =>
        report.Comparisons.Single(c => c.Metric == ResultMetrics.GoodputBps);
}
