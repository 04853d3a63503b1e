using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Model.Fleet;

/// <summary>Turns a fleet run's cells into <see cref="FleetAnalysis"/>: per cell group and metric, each host's
/// contrast with the fleet as sender and as receiver (<see cref="FleetOutlierRule"/>), Holm across all of them, and
/// for every host that stands out the settings in which it differs from the majority (<see cref="HostSettings"/>).</summary>
public static class FleetAnalyzer
{
    public const string Rule = "pairwise-t-majority-holm";
    public const double DefaultAlpha = 0.05;
    public const double DefaultMinimumEffect = 0.05;

    /// <summary>The metrics a host is judged on: every one that is positive by nature, so its log exists, and that
    /// says how fast or how costly a host is.</summary>
    public static IReadOnlyList<ResultMetric> Metrics { get; } =
    [
        ResultMetrics.GoodputBps, ResultMetrics.CoreSecondsPerGbit, ResultMetrics.TransactionsPerSecond,
        ResultMetrics.ConnectionsPerSecond, ResultMetrics.CoreSecondsPerMillionTransactions, ResultMetrics.LatencyP50,
    ];

    /// <summary>Whether any cell names its sender and receiver: the document is a fleet run's.</summary>
    public static bool IsFleet(IReadOnlyList<CellResult> cells) => cells.Any(c => c.Sender is not null && c.Receiver is not null);

    /// <summary>The fleet section for these cells; null when they are not a fleet run's.</summary>
    public static FleetAnalysis? Analyze(IReadOnlyList<CellResult> cells, RunEnvironment environment,
        double alpha = DefaultAlpha, double minimumEffect = DefaultMinimumEffect)
    {
        if (!IsFleet(cells))
            return null;
        var hosts = (environment.Hosts?.Select(h => h.Name) ?? [])
            .Concat(cells.SelectMany(c => new[] { c.Sender, c.Receiver }).OfType<string>())
            .Distinct(StringComparer.Ordinal).ToList();
        var index = hosts.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => x.i, StringComparer.Ordinal);
        var notes = new List<string>();
        var candidates = new List<(CellGroupKey Group, ResultMetric Metric, FleetRole Role, HostContrast Contrast, FleetNoise Noise)>();

        var groups = cells.Where(c => c.Status == CellStatus.Ok && c.Sender is not null && c.Receiver is not null && c.Sender != c.Receiver)
            .GroupBy(CellGroupKey.Of);
        foreach (var group in groups)
        {
            var inGroup = group.Select(c => c.Sender!).Concat(group.Select(c => c.Receiver!)).Distinct().Count();
            if (inGroup < 3)
            {
                notes.Add($"{group.Key}: {inGroup} hosts; a host's own share cannot be told from its peer's with fewer than three");
                continue;
            }
            foreach (var metric in Metrics)
            {
                var table = new double[]?[hosts.Count, hosts.Count];
                var any = false;
                foreach (var pair in group.GroupBy(c => (S: index[c.Sender!], R: index[c.Receiver!])))
                {
                    var values = pair.Select(metric.Read).Where(v => v is > 0 && double.IsFinite(v.Value)).Select(v => Math.Log(v!.Value)).ToArray();
                    table[pair.Key.S, pair.Key.R] = values;
                    any |= values.Length > 0;
                }
                if (!any)
                    continue;
                var noise = FleetNoise.Of(table);
                if (!noise.Testable)
                {
                    notes.Add($"{group.Key} {metric.Name}: one repetition per pair leaves no estimate of the noise; run with --reps 2 or more");
                    continue;
                }
                foreach (var role in new[] { FleetRole.Sender, FleetRole.Receiver })
                {
                    foreach (var contrast in FleetOutlierRule.Contrast(table, role == FleetRole.Sender, noise))
                    {
                        if (contrast.Peers > 0)
                            candidates.Add((group.Key, metric, role, contrast, noise));
                    }
                }
            }
        }

        var adjusted = Holm.Adjust(candidates.Select(c => c.Contrast.PValue).ToList());
        var settings = new Dictionary<CellGroupKey, IReadOnlyList<IReadOnlyList<SettingDifference>>>();
        FleetOutlier Entry(int i)
        {
            var (group, metric, role, contrast, noise) = candidates[i];
            if (!settings.TryGetValue(group, out var differences))
                settings[group] = differences = Differences(hosts, cells.Where(c => CellGroupKey.Of(c) == group).ToList(), environment);
            return new FleetOutlier(hosts[contrast.Host], role, metric.Name, group.Path, group.Impl, group.UnderlayMtu,
                group.Offloads, group.Test, group.Streams, Math.Exp(contrast.LogRatio),
                new FleetOutlierStatistics(contrast.Peers, contrast.PeersDiffering, contrast.PValue, adjusted[i], noise.DegreesOfFreedom,
                    Math.Sqrt(Math.Exp(noise.RepetitionVariance) - 1), PairNoiseCv(noise), contrast.Pairs),
                differences[contrast.Host]);
        }

        var outliers = new List<FleetOutlier>();
        for (var i = 0; i < candidates.Count; i++)
        {
            if (adjusted[i] <= alpha && Math.Abs(Math.Exp(candidates[i].Contrast.LogRatio) - 1) >= minimumEffect)
                outliers.Add(Entry(i));
        }
        outliers.Sort((a, b) => a.Statistics.AdjustedPValue.CompareTo(b.Statistics.AdjustedPValue) is var c && c != 0
            ? c
            : Math.Abs(Math.Log(b.Ratio)).CompareTo(Math.Abs(Math.Log(a.Ratio))));
        // Per host, the test that came closest to naming it, whether or not one did: the smallest Holm-adjusted p, then
        // the smallest raw p (adjusted values tie at 1), then the largest departure.
        var closest = Enumerable.Range(0, candidates.Count)
            .GroupBy(i => candidates[i].Contrast.Host)
            .Select(host => host.OrderBy(i => adjusted[i]).ThenBy(i => candidates[i].Contrast.PValue)
                .ThenByDescending(i => Math.Abs(candidates[i].Contrast.LogRatio)).First())
            .Select(Entry).ToList();
        closest.Sort(ClosestFirst);
        return new FleetAnalysis(Rule, alpha, minimumEffect, hosts, candidates.Count, outliers, notes, closest);
    }

    /// <summary>Smallest adjusted p first, then smallest raw p, then the largest departure from the fleet.</summary>
    private static int ClosestFirst(FleetOutlier a, FleetOutlier b) =>
        a.Statistics.AdjustedPValue.CompareTo(b.Statistics.AdjustedPValue) is var c && c != 0
            ? c
            : a.Statistics.PValue.CompareTo(b.Statistics.PValue) is var d && d != 0
                ? d
                : Math.Abs(Math.Log(b.Ratio)).CompareTo(Math.Abs(Math.Log(a.Ratio)));

    /// <summary>The noise of one pair's mean about the additive fit, as a CV; null when the fit leaves no degrees of
    /// freedom.</summary>
    private static double? PairNoiseCv(FleetNoise noise) =>
        noise.PairDegreesOfFreedom < 1 ? null : Math.Sqrt(Math.Exp(noise.PairVariance) - 1);

    /// <summary>Each host's differences from the majority, from its NIC as the group's cells recorded it (the profile
    /// applied), else from the snapshot taken at the start.</summary>
    private static IReadOnlyList<IReadOnlyList<SettingDifference>> Differences(IReadOnlyList<string> hosts,
        IReadOnlyList<CellResult> groupCells, RunEnvironment environment)
    {
        var settings = hosts.Select(name =>
        {
            var host = environment.Hosts?.FirstOrDefault(h => h.Name == name);
            var nic = groupCells.SelectMany(c => c.Nics ?? []).FirstOrDefault(n => n.Host == name)?.Nic ?? StartingNic(host);
            return HostSettings.Of(nic, host?.Environment);
        }).ToList();
        return HostSettings.DifferencesFromMajority(settings);
    }

    private static InterfaceSnapshot? StartingNic(FleetHost? host) =>
        host?.Environment.Probe.SelectMany(p => p.Interfaces).FirstOrDefault(i => i.Name == host.Nic);

}
