using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Report.Fleet;

/// <summary>What one offload profile changes against the base profile on one datapath across the fleet: for every
/// ordered pair measured under both, the ratio of its medians; the effect is the median of those ratios with the
/// order-statistic interval of a median, which states its own coverage (<see cref="MedianInterval"/>). Pairing by
/// host pair takes the hosts' own differences out of the comparison.</summary>
/// <param name="Key">Datapath, MTU, test and streams.</param>
/// <param name="Profile">The profile compared.</param>
/// <param name="Goodput">Median pair ratio of goodput with its interval; null without goodput.</param>
/// <param name="CpuPerGbit">Median pair ratio of core-seconds per Gbit with its interval; null without it.</param>
/// <param name="Pairs">Host pairs measured under both profiles.</param>
internal sealed record FleetProfileEffect(FleetPathKey Key, string Profile, ConfidenceInterval? Goodput, ConfidenceInterval? CpuPerGbit, int Pairs)
{
    public static IReadOnlyList<FleetProfileEffect> Of(IReadOnlyList<CellResult> cells, string baseProfile)
    {
        var effects = new List<FleetProfileEffect>();
        var fleetCells = cells.Where(c => c.Status == CellStatus.Ok && c.Sender is not null && c.Receiver is not null).ToList();
        foreach (var path in fleetCells.GroupBy(FleetPathKey.Of))
        {
            var byProfile = path.GroupBy(c => c.Offloads).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            if (!byProfile.TryGetValue(baseProfile, out var baseCells))
                continue;
            foreach (var (profile, profileCells) in byProfile.Where(p => p.Key != baseProfile).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                var goodput = PairRatios(baseCells, profileCells, ResultMetrics.GoodputBps);
                var cpu = PairRatios(baseCells, profileCells, ResultMetrics.CoreSecondsPerGbit);
                if (goodput.Length == 0 && cpu.Length == 0)
                    continue;
                effects.Add(new FleetProfileEffect(path.Key, profile,
                    goodput.Length > 0 ? MedianInterval.Compute(goodput) : null,
                    cpu.Length > 0 ? MedianInterval.Compute(cpu) : null,
                    Math.Max(goodput.Length, cpu.Length)));
            }
        }
        return effects;
    }

    private static double[] PairRatios(List<CellResult> baseCells, List<CellResult> profileCells, ResultMetric metric)
    {
        var baseMedians = PairMedians(baseCells, metric);
        return PairMedians(profileCells, metric)
            .Where(p => baseMedians.TryGetValue(p.Key, out var b) && b > 0)
            .Select(p => p.Value / baseMedians[p.Key])
            .ToArray();
    }

    private static Dictionary<(string, string), double> PairMedians(List<CellResult> cells, ResultMetric metric) =>
        cells.GroupBy(c => (c.Sender!, c.Receiver!))
            .Select(g => (g.Key, Values: g.Select(metric.Read).Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).ToArray()))
            .Where(p => p.Values.Length > 0)
            .ToDictionary(p => p.Key, p => SampleStatistics.Median(p.Values));
}
