using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Report.Compare;

/// <summary>What an encapsulation cost in one results input: its datapath against the unencapsulated baseline
/// (native, or host when native was not measured) in the tcp-stream cells of the same underlay MTU, offload
/// profile and stream count. Ratios are Hodges–Lehmann estimates encapsulated / baseline over the repetitions,
/// with Moses' intervals aimed at 95 % (each stores the coverage it really reaches: 90 % with 3 a side).</summary>
/// <param name="Goodput">0.96 = 4 % less goodput than the baseline; null without goodput on both sides.</param>
/// <param name="CpuPerGbit">1.8 = 80 % more core-seconds per Gbit; null without CPU figures on both sides.</param>
public sealed record EncapsulationCost(
    string Datapath,
    DatapathImplementation Impl,
    string Baseline,
    int UnderlayMtu,
    string Offloads,
    int Streams,
    double? BaselineGoodputBps,
    double? GoodputBps,
    ConfidenceInterval? Goodput,
    double? BaselineCpuPerGbit,
    double? CpuPerGbit,
    ConfidenceInterval? CpuPerGbitRatio);
