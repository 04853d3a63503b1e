using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Model.Tests.Results;

public sealed class ResultsSummarizerTests
{
    [Fact]
    public void Repetitions_are_grouped_by_path_impl_mtu_offloads_test_and_streams()
    {
        // Given interleaved repetitions of two paths at two MTUs, and a request/response test
        var cells = new[]
        {
            SampleResults.Stream("native", 1, 9.0e9), SampleResults.Stream("vxlan", 1, 8.0e9),
            SampleResults.Stream("native", 1, 9.8e9, mtu: 9000),
            SampleResults.Stream("native", 2, 9.2e9), SampleResults.Stream("vxlan", 2, 8.2e9),
            SampleResults.RequestResponse("native", 1, 90, 11000),
        };

        // When
        var groups = ResultsSummarizer.Summarize(cells);

        // Then four groups, in order of first appearance
        Assert.Equal(["native/kernel mtu 1500 default tcp-stream ×1", "vxlan/kernel mtu 1500 default tcp-stream ×1",
            "native/kernel mtu 9000 default tcp-stream ×1", "native/userspace mtu 1500 default tcp-rr ×1"],
            groups.Select(g => CellGroupKey.Of(g).ToString()));
        Assert.Equal(2, groups[0].Ok);
        Assert.Equal(9.1e9, groups[0].Metrics["goodputBps"].Median);
        Assert.Equal(1450, groups[1].PodMtu);
    }

    [Fact]
    public void Metrics_a_test_does_not_produce_are_absent()
    {
        var groups = ResultsSummarizer.Summarize([SampleResults.RequestResponse("native", 1, 90, 11000)]);

        Assert.False(groups[0].Metrics.ContainsKey("goodputBps"));
        Assert.Equal(90, groups[0].Metrics["latencyUs.p99"].Median);
        Assert.Equal(11000, groups[0].Metrics["transactionsPerSecond"].Median);
    }

    [Fact]
    public void Failed_and_skipped_repetitions_are_counted_but_not_summarised()
    {
        var cells = new[]
        {
            SampleResults.Stream("native", 1, 9.0e9),
            SampleResults.Stream("native", 2, 0, status: CellStatus.Failed),
            SampleResults.Stream("native", 3, 0, status: CellStatus.Skipped),
        };

        var group = ResultsSummarizer.Summarize(cells).Single();

        Assert.Equal((1, 1, 1), (group.Ok, group.Failed, group.Skipped));
        Assert.Equal(1, group.Metrics["goodputBps"].N);
        Assert.Null(group.Metrics["goodputBps"].Cv);
    }

    [Fact]
    public void Summary_carries_median_interval_cv_and_n_from_the_statistics()
    {
        // Given eight repetitions
        double[] goodputs = [9.00e9, 9.10e9, 9.05e9, 9.30e9, 8.95e9, 9.20e9, 9.15e9, 9.12e9];
        var cells = goodputs.Select((g, i) => SampleResults.Stream("native", i + 1, g)).ToArray();

        // When
        var summary = ResultsSummarizer.Summarize(cells).Single().Metrics["goodputBps"];

        // Then
        Assert.Equal(8, summary.N);
        Assert.Equal(SampleStatistics.Median(goodputs), summary.Median);
        Assert.Equal(IntervalMethod.OrderStatistic, summary.IntervalMethod);
        Assert.Equal(8.95e9, summary.Min);
        Assert.Equal(9.30e9, summary.Max);
        Assert.Equal(SampleStatistics.CoefficientOfVariation(goodputs), summary.Cv!.Value, 1e-12);
        var interval = MedianInterval.Compute(goodputs);
        Assert.Equal((interval.Lower, interval.Upper), (summary.Lower, summary.Upper));
    }
}
