using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;
using PerfSuite.Report.Analysis;

namespace PerfSuite.Report.Tests.Analysis;

/// <summary>The report states a difference only where its interval excludes no change, never within one bucket of
/// the latency histogram, and says how many transactions a tail percentile comes from (issue 14).</summary>
public sealed class UncertainFindingsTests
{
    private const double Duration = 1.5;
    private const double TransactionsPerSecond = 11_860;

    /// <summary>native as the reference; vxlan clearly slower and 20 µs later; host within one histogram bucket of
    /// native's p99 and within the noise in goodput; same-node's p99 spread over ±50 µs.</summary>
    private static readonly Lazy<ReportAnalysis> Analysis = new(() =>
    {
        var nativeP99 = new[] { 134.5, 135.0, 135.5 };
        var cells = new List<CellResult>();
        void Add(string path, double[] gbit, double[] p99)
        {
            var podMtu = Datapath.Parse(path).PodMtu(1500);
            for (var rep = 1; rep <= 3; rep++)
            {
                var bps = gbit[rep - 1] * 1e9;
                cells.Add(new CellResult(path, DatapathImplementation.Kernel, 1500, "default", TrafficTestNames.TcpStream, 1, rep, CellStatus.Ok, Duration,
                    PodMtu: podMtu, ObservedPathMtu: podMtu,
                    Metrics: new CellMetrics(GoodputBps: bps, BusyCores: 1.5, CoreSecondsPerGbit: 1.5 / (bps / 1e9), Retransmits: 0)));
                var p = p99[rep - 1];
                cells.Add(new CellResult(path, DatapathImplementation.Kernel, 1500, "default", TrafficTestNames.TcpRr, 1, rep, CellStatus.Ok, Duration,
                    PodMtu: podMtu, ObservedPathMtu: podMtu,
                    Metrics: new CellMetrics(TransactionsPerSecond: TransactionsPerSecond, LatencyUs: new LatencySummary(p / 2, p / 1.5, p, p * 2, 20, p * 10, p / 2))));
            }
        }
        Add("native", [13.0, 13.5, 14.0], nativeP99);
        Add("host", [12.5, 14.0, 15.0], nativeP99.Select(p => p + 1.02).ToArray());
        Add("vxlan", [11.5, 12.0, 12.5], nativeP99.Select(p => p + 20).ToArray());
        Add("same-node", [13.2, 13.6, 13.9], [100, 150, 200]);
        return ReportAnalyzer.Analyze(SampleRun.Lab() with { Cells = cells, Summary = null });
    });

    private static DatapathRow Row(string path) => Analysis.Value.Rows.Single(r => r.Path == path);

    private static string Finding(string start) =>
        Assert.Single(Analysis.Value.Findings, f => f.StartsWith(start, StringComparison.Ordinal));

    [Fact]
    public void A_p99_difference_of_one_histogram_bucket_is_not_stated_as_a_difference()
    {
        // Given host's p99 one 1.02 µs bucket above native's in every repetition
        // When the findings are read
        var latency = Finding("At MTU 1500, p99 request/response latency is 135 µs on native");

        // Then host is named as within the resolution, not as adding latency, and the table has no mark for it
        Assert.DoesNotContain("host adds", latency, StringComparison.Ordinal);
        Assert.Contains("host (+1 µs, one histogram bucket is 1.02 µs) within the histogram's resolution", latency, StringComparison.Ordinal);
        Assert.Equal(0, Row("host").VsNative!.LatencyVerdict);
        Assert.True(Row("host").VsNative!.LatencyWithinResolution);
    }

    [Fact]
    public void A_p99_difference_whose_interval_excludes_zero_by_more_than_a_bucket_is_stated_with_its_interval()
    {
        var latency = Finding("At MTU 1500, p99 request/response latency is 135 µs on native");

        Assert.Contains("beyond the noise and the histogram's resolution, vxlan adds 20 µs (+19 … +21 µs)", latency, StringComparison.Ordinal);
        Assert.Equal(1, Row("vxlan").VsNative!.LatencyVerdict);
    }

    [Fact]
    public void A_p99_difference_whose_interval_includes_zero_is_named_as_noise()
    {
        var latency = Finding("At MTU 1500, p99 request/response latency is 135 µs on native");

        Assert.Contains("same-node (+15 µs) within the noise (its 90 % interval includes zero, 3 repetitions a side)", latency, StringComparison.Ordinal);
        Assert.DoesNotContain("same-node adds", latency, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tail_percentile_carries_its_sample_count()
    {
        var latency = Finding("At MTU 1500, p99 request/response latency is 135 µs on native");

        // 11,860 transactions/s over a 1.5 s window: about 17,800 per repetition, of which the slowest 1 % set the p99
        Assert.Contains("(from about 17,800 transactions a repetition, 180 of them beyond p99)", latency, StringComparison.Ordinal);
        Assert.Equal(TransactionsPerSecond * Duration, Row("native").LatencySamples!.Value, 6);
    }

    [Fact]
    public void Goodput_is_stated_below_native_only_where_the_ratio_interval_excludes_one()
    {
        var below = Finding("At MTU 1500, goodput is below native's beyond the noise on ");
        var same = Assert.Single(Analysis.Value.Findings, f => f.StartsWith("At MTU 1500, same-node", StringComparison.Ordinal) && f.Contains("in goodput", StringComparison.Ordinal));

        Assert.Contains("vxlan 89 %", below, StringComparison.Ordinal);
        Assert.DoesNotContain("host", below, StringComparison.Ordinal);
        Assert.Contains("host (", same, StringComparison.Ordinal);
        Assert.Contains("cannot be told apart from native in goodput: each ratio's 90 % interval includes 100 %, 3 repetitions a side", same, StringComparison.Ordinal);
        Assert.Equal(-1, Row("vxlan").VsNative!.GoodputVerdict);
        Assert.Equal(0, Row("host").VsNative!.GoodputVerdict);
    }
}
