using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;

namespace PerfSuite.Report.Analysis;

/// <summary>One line of a report's summary table: a datapath at one underlay MTU and offload profile, with its
/// stream test (goodput, CPU) and request/response test (latency) side by side.</summary>
/// <param name="Path">Datapath name as the results carry it.</param>
/// <param name="Impl">Kernel or userspace.</param>
/// <param name="UnderlayMtu">Underlay IP MTU.</param>
/// <param name="Offloads">Offload profile.</param>
/// <param name="Streams">Streams of the tcp-stream group; null when the row has no stream test.</param>
/// <param name="Datapath">The known datapath of that name; null for a name this version does not know.</param>
/// <param name="PodMtu">The pod MTU the cells ran with.</param>
/// <param name="Stream">The tcp-stream group; null when none ran.</param>
/// <param name="RequestResponse">The tcp-rr group of the same datapath, MTU and profile; null when none ran.</param>
/// <param name="Groups">Every group of this datapath, MTU and profile, whatever the test (for status counts).</param>
/// <param name="NativeFraction">Median goodput / native's median goodput at the same MTU, profile and streams.</param>
/// <param name="CpuPerGbitRatio">Core-seconds per Gbit / native's.</param>
/// <param name="WireTax">The share of native's ceiling the encapsulation bytes alone cost at this pod MTU:
/// 1 − ceiling(path) / ceiling(native). Needs no line rate: both ceilings scale with it.</param>
/// <param name="CeilingBps">Goodput ceiling, when the line rate is known.</param>
/// <param name="Efficiency">Median goodput / ceiling, when the line rate is known.</param>
/// <param name="Cpu">How the stream test's busy CPU divides among categories; null without CPU figures.</param>
/// <param name="Flags">What a reader must know about this row.</param>
/// <param name="VsNative">How the row differs from native, with intervals; null for native itself or without native.</param>
/// <param name="LatencySamples">Transactions per repetition of the tcp-rr group (median): how many values each
/// repetition's latency percentiles come from; null without tcp-rr.</param>
public sealed record DatapathRow(
    string Path,
    DatapathImplementation Impl,
    int UnderlayMtu,
    string Offloads,
    int? Streams,
    Datapath? Datapath,
    int? PodMtu,
    GroupSummary? Stream,
    GroupSummary? RequestResponse,
    IReadOnlyList<GroupSummary> Groups,
    double? NativeFraction,
    double? CpuPerGbitRatio,
    double? WireTax,
    double? CeilingBps,
    double? Efficiency,
    CpuBreakdown? Cpu,
    IReadOnlyList<ReportFlag> Flags,
    NativeComparison? VsNative = null,
    double? LatencySamples = null)
{
    /// <summary>Encapsulation overhead in bytes over IPv4; null for an unknown datapath.</summary>
    public int? OverheadBytes => Datapath?.OverheadIpv4;

    /// <summary>"wireguard" or "wireguard (userspace)": how figures and tables name the row's datapath.</summary>
    public string Label => DatapathLabels.Of(Path, Impl);

    public MetricSummary? Goodput => Metric(Stream, ResultMetrics.GoodputBps);
    public MetricSummary? CoreSecondsPerGbit => Metric(Stream, ResultMetrics.CoreSecondsPerGbit);
    public MetricSummary? Retransmits => Metric(Stream, ResultMetrics.Retransmits);
    public MetricSummary? LatencyP50 => Metric(RequestResponse, ResultMetrics.LatencyP50);
    public MetricSummary? LatencyP99 => Metric(RequestResponse, ResultMetrics.LatencyP99);

    public int Ok => Groups.Sum(g => g.Ok);
    public int Failed => Groups.Sum(g => g.Failed);
    public int Skipped => Groups.Sum(g => g.Skipped);

    public static MetricSummary? Metric(GroupSummary? group, ResultMetric metric) =>
        group is not null && group.Metrics.TryGetValue(metric.Name, out var summary) ? summary : null;
}
