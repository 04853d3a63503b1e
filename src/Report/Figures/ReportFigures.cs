using PerfSuite.Report.Analysis;

namespace PerfSuite.Report.Figures;

/// <summary>Every figure of a report: the overview across MTUs, then per MTU the CPU cost, latency, offload and
/// timeline figures. A figure whose data the run does not have (no tcp-rr, a single offload profile) is left out.</summary>
/// <param name="Overview">Goodput against overhead; null when no stream test produced goodput.</param>
/// <param name="ByMtu">Per underlay MTU, in the order the page shows them.</param>
/// <param name="Key">The one figure under the summary tables; null when the run has nothing to compare.</param>
public sealed record ReportFigures(Figure? Overview, IReadOnlyList<(int Mtu, IReadOnlyList<Figure> Figures)> ByMtu, Figure? Key = null)
{
    public IEnumerable<Figure> All =>
        new[] { Key, Overview }.OfType<Figure>().Distinct().Concat(ByMtu.SelectMany(m => m.Figures));

    public static ReportFigures Build(ReportAnalysis analysis)
    {
        var byMtu = analysis.Mtus
            .Select(mtu => (mtu, (IReadOnlyList<Figure>)new[]
            {
                CpuCostFigure.Build(analysis, mtu),
                LatencyFigure.Build(analysis, mtu),
                OffloadChangeFigure.Build(analysis, mtu),
                GoodputTimelineFigure.Build(analysis, mtu),
            }.OfType<Figure>().ToList()))
            .ToList();
        var overview = GoodputOverheadFigure.Build(analysis);
        return new ReportFigures(overview, byMtu, CostAgainstNativeFigure.Build(analysis) ?? overview);
    }
}
