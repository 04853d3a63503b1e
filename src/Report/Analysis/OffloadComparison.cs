using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Report.Analysis;

/// <summary>How one offload profile changed a datapath's stream test against the base profile (<c>default</c>):
/// Hodges–Lehmann ratios profile / base with Moses' intervals (95 % asked, less where the repetitions are too few), as the gate computes them.</summary>
/// <param name="Goodput">Goodput ratio (1.10 = 10 % more); null when either side has no goodput.</param>
/// <param name="CpuPerGbit">Core-seconds-per-Gbit ratio; null when either side has no CPU figures.</param>
public sealed record OffloadComparison(
    string Path,
    DatapathImplementation Impl,
    int UnderlayMtu,
    int Streams,
    string BaseProfile,
    string Profile,
    ConfidenceInterval? Goodput,
    ConfidenceInterval? CpuPerGbit)
{
    public string Label => DatapathLabels.Of(Path, Impl);
}
