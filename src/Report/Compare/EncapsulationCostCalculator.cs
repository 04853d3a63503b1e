using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Report.Compare;

/// <summary>Prices an encapsulation from a run's tcp-stream cells: its datapath against native (or host when
/// native was not measured) at the same underlay MTU, offload profile and stream count.</summary>
internal static class EncapsulationCostCalculator
{
    private static readonly string[] Baselines = [Datapath.Native.Name, Datapath.Host.Name];

    public static (IReadOnlyList<EncapsulationCost> Costs, string? Gap) Costs(string datapath, ResultsDocument results)
    {
        var ok = results.Cells.Where(c => c.Status == CellStatus.Ok && c.Test == TrafficTestNames.TcpStream).ToList();
        var encapsulated = ok.Where(c => c.Path == datapath)
            .GroupBy(c => (c.Impl, c.UnderlayMtu, c.Offloads, c.Streams))
            .ToList();
        if (encapsulated.Count == 0)
            return ([], $"no successful {datapath} tcp-stream cell in these results");
        var baseline = Baselines.FirstOrDefault(b => ok.Any(c => c.Path == b));
        if (baseline is null)
            return ([], "no native or host tcp-stream cell to price it against");

        var costs = new List<EncapsulationCost>();
        foreach (var group in encapsulated)
        {
            var key = group.Key;
            var reference = ok.Where(c => c.Path == baseline && c.UnderlayMtu == key.UnderlayMtu
                && c.Offloads == key.Offloads && c.Streams == key.Streams).ToList();
            if (reference.Count == 0)
                continue;
            var cells = group.ToList();
            var (baseGoodput, goodput, goodputRatio) = Compare(reference, cells, ResultMetrics.GoodputBps);
            var (baseCpu, cpu, cpuRatio) = Compare(reference, cells, ResultMetrics.CoreSecondsPerGbit);
            costs.Add(new EncapsulationCost(datapath, key.Impl, baseline, key.UnderlayMtu, key.Offloads, key.Streams,
                baseGoodput, goodput, goodputRatio, baseCpu, cpu, cpuRatio));
        }
        if (costs.Count == 0)
            return ([], $"{datapath} and {baseline} were never measured at the same MTU, offload profile and streams");
        return (costs
            .OrderBy(c => c.Offloads == "default" ? 0 : 1)
            .ThenBy(c => c.Offloads, StringComparer.Ordinal)
            .ThenBy(c => c.UnderlayMtu)
            .ThenBy(c => c.Streams)
            .ThenBy(c => c.Impl)
            .ToList(), null);
    }

    private static (double? Baseline, double? Encapsulated, ConfidenceInterval? Ratio) Compare(
        IReadOnlyList<CellResult> reference, IReadOnlyList<CellResult> encapsulated, ResultMetric metric)
    {
        var a = Values(reference, metric);
        var b = Values(encapsulated, metric);
        if (a.Length == 0 || b.Length == 0)
            return (a.Length > 0 ? SampleStatistics.Median(a) : null, b.Length > 0 ? SampleStatistics.Median(b) : null, null);
        return (SampleStatistics.Median(a), SampleStatistics.Median(b), HodgesLehmann.Ratio(a, b));
    }

    /// <summary>The metric's positive, finite values: a ratio needs logarithms.</summary>
    private static double[] Values(IReadOnlyList<CellResult> cells, ResultMetric metric) =>
        cells.Select(metric.Read).OfType<double>().Where(v => double.IsFinite(v) && v > 0).ToArray();
}
