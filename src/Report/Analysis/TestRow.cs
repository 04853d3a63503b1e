using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Report.Analysis;

/// <summary>One line of a report's per-test table for the tests the summary table against native does not hold
/// (udp-stream, tcp-crr): one group of repetitions, its main metric compared with native's same test.</summary>
/// <param name="Group">The group: datapath, implementation, MTU, offload profile, test, streams and its summaries.</param>
/// <param name="VsNative">Hodges–Lehmann ratio path / native of the main metric (<see cref="MainMetric"/>) with
/// Moses' interval; null for native itself or when native has no such group at the same MTU, profile and streams.</param>
/// <param name="DatagramsPerSecond">udp-stream: datagrams received per second of the window, over the
/// repetitions; null for other tests.</param>
/// <param name="LatencySamples">tcp-crr: connections per repetition (median), which is how many values each
/// repetition's latency percentiles come from; null for other tests.</param>
/// <param name="Flags">The flags of this group (high variation, failures).</param>
public sealed record TestRow(
    GroupSummary Group,
    ConfidenceInterval? VsNative,
    MetricSummary? DatagramsPerSecond,
    double? LatencySamples,
    IReadOnlyList<ReportFlag> Flags)
{
    /// <summary>The metric the test is about: goodput for udp-stream, connections/s for tcp-crr.</summary>
    public ResultMetric MainMetric => MainMetricOf(Group.Test);

    /// <summary>The main metric's summary over the ok repetitions; null when none produced it.</summary>
    public MetricSummary? Main => Metric(MainMetric);

    public string Label => DatapathLabels.Of(Group.Path, Group.Impl);

    /// <summary>+1 when the main metric is really above native's, −1 really below, 0 when the data cannot tell.</summary>
    public int Verdict => VsNative is not { } r ? 0 : r.Lower > 1 ? 1 : r.Upper < 1 ? -1 : 0;

    public bool IsNative => Group.Path == Datapath.Native.Name && Group.Impl == DatapathImplementation.Kernel;

    public MetricSummary? Metric(ResultMetric metric) => DatapathRow.Metric(Group, metric);

    /// <summary>The tests that get a table of their own, in the order the report shows them.</summary>
    public static IReadOnlyList<string> Tests { get; } = [TrafficTestNames.UdpStream, TrafficTestNames.TcpCrr];

    public static ResultMetric MainMetricOf(string test) =>
        test == TrafficTestNames.TcpCrr ? ResultMetrics.ConnectionsPerSecond : ResultMetrics.GoodputBps;
}
