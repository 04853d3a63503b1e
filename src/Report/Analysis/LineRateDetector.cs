using System.Globalization;
using PerfSuite.Model.Ceiling;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Report.Analysis;

/// <summary>Finds the line rate of a run, if it has one. A lab run over veth pairs has none: a veth has no wire,
/// and the 10000 Mb/s it reports is a constant, not a limit.</summary>
internal static class LineRateDetector
{
    public static LineRate? Detect(ResultsDocument document) => FromRecordedCeilings(document) ?? FromPhysicalLinks(document);

    /// <summary>The runner records a ceiling per cell when it knew the line rate; inverting the ceiling formula
    /// (goodput ceiling is proportional to the line rate) gives back the rate it used.</summary>
    private static LineRate? FromRecordedCeilings(ResultsDocument document)
    {
        var rates = new List<double>();
        foreach (var cell in document.Cells)
        {
            if (cell.CeilingBps is not { } ceiling || !(ceiling > 0) || !Datapath.TryParse(cell.Path, out var datapath))
                continue;
            try
            {
                var perGbit = GoodputCeiling.Compute(datapath, new CeilingInputs(1e9, cell.UnderlayMtu, PodMtuOverride: cell.PodMtu)).GoodputBps;
                rates.Add(ceiling / perGbit * 1e9);
            }
            catch (ArgumentOutOfRangeException)
            {
                // An MTU too small for any payload cannot have produced the recorded ceiling; ignore the cell.
            }
        }
        if (rates.Count == 0)
            return null;
        // Rounded to whole Mbit/s: link speeds are, and the inversion adds floating-point dust.
        var rate = Math.Round(SampleStatistics.Median(rates.ToArray()) / 1e6) * 1e6;
        return new LineRate(rate, "the goodput ceilings recorded with the results");
    }

    /// <summary>In a fleet run, the NICs under test of its hosts (<see cref="FleetNics"/>), never the runner's own
    /// interfaces, which carry no measured packet.</summary>
    private static LineRate? FromPhysicalLinks(ResultsDocument document)
    {
        if (FleetNics.IsFleet(document.Environment))
            return FleetNics.SlowestLineRate(document.Environment.Hosts!);
        var links = document.Environment.Probe
            .SelectMany(p => p.Interfaces)
            .Where(i => i.Kind is null && i.Name != "lo" && i.Link?.SpeedMbps is > 0 and < uint.MaxValue)
            .OrderBy(i => i.Link!.SpeedMbps)
            .ToList();
        if (links.Count == 0)
            return null;
        var slowest = links[0];
        var driver = slowest.Driver is { Driver.Length: > 0 } d ? $" ({d.Driver})" : "";
        return new LineRate(slowest.Link!.SpeedMbps!.Value * 1e6,
            string.Create(CultureInfo.InvariantCulture, $"link speed of {slowest.Name}{driver}"));
    }
}
