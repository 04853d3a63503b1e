using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Report.Fleet;

/// <summary>One cell group of a fleet run laid out by ordered pair: for each sender and receiver, the median over the
/// repetitions of one metric (NaN where the pair has no numbers, and on the diagonal).</summary>
/// <param name="Hosts">Row and column order.</param>
/// <param name="Medians">[sender, receiver].</param>
internal sealed record FleetPairTable(IReadOnlyList<string> Hosts, double[,] Medians)
{
    public static FleetPairTable Of(IReadOnlyList<string> hosts, IEnumerable<CellResult> groupCells, ResultMetric metric)
    {
        var index = hosts.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.Ordinal);
        var medians = new double[hosts.Count, hosts.Count];
        for (var s = 0; s < hosts.Count; s++)
        {
            for (var r = 0; r < hosts.Count; r++)
                medians[s, r] = double.NaN;
        }
        foreach (var pair in groupCells.Where(c => c.Status == CellStatus.Ok && c.Sender is not null && c.Receiver is not null)
            .GroupBy(c => (c.Sender!, c.Receiver!)))
        {
            var values = pair.Select(metric.Read).Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).ToArray();
            if (values.Length > 0 && index.TryGetValue(pair.Key.Item1, out var s) && index.TryGetValue(pair.Key.Item2, out var r))
                medians[s, r] = SampleStatistics.Median(values);
        }
        return new FleetPairTable(hosts, medians);
    }

    public bool HasValues => Medians.Cast<double>().Any(double.IsFinite);
}

/// <summary>The datapath, MTU, test and stream count a fleet figure or effect is about (every key field but the
/// offload profile).</summary>
internal readonly record struct FleetPathKey(string Path, DatapathImplementation Impl, int UnderlayMtu, string Test, int Streams)
{
    public static FleetPathKey Of(CellResult cell) => new(cell.Path, cell.Impl, cell.UnderlayMtu, cell.Test, cell.Streams);
}
