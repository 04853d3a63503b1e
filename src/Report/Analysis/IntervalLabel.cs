using System.Globalization;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Report.Analysis;

/// <summary>What the report calls an interval: always the coverage the interval record states, never a fixed level.
/// A range of three repetitions covers the median 75 %, not 95 %, and the label says so.</summary>
public static class IntervalLabel
{
    /// <summary>For a table header or a legend: "range of 3", "94 % interval", "95 % bootstrap interval"; several
    /// kinds at once are joined ("range of 2 or 3").</summary>
    public static string Short(IEnumerable<MetricSummary?> summaries)
    {
        var present = summaries.OfType<MetricSummary>().Where(s => s.N > 1).ToList();
        if (present.Count == 0)
            return "interval";
        if (present.All(IsRange))
        {
            var counts = present.Select(s => s.N).Distinct().Order().Select(n => n.ToString(CultureInfo.InvariantCulture)).ToList();
            return "range of " + string.Join(" or ", counts);
        }
        var bootstrap = present.Any(s => s.IntervalMethod == IntervalMethod.Bootstrap) ? " bootstrap" : "";
        return Coverages(present.Select(s => s.Coverage)) + bootstrap + " interval";
    }

    /// <summary>For a caption: what the interval is and how often it covers the median.</summary>
    public static string Sentence(IEnumerable<MetricSummary?> summaries)
    {
        var present = summaries.OfType<MetricSummary>().Where(s => s.N > 1).ToList();
        if (present.Count == 0)
            return "no interval (one repetition)";
        var parts = new List<string>();
        foreach (var kind in present.GroupBy(s => (Range: IsRange(s), s.IntervalMethod, s.N, s.Coverage)).OrderBy(g => g.Key.N))
        {
            var (range, method, n, coverage) = kind.Key;
            var count = n.ToString(CultureInfo.InvariantCulture);
            parts.Add(method == IntervalMethod.Bootstrap
                ? $"a percentile-bootstrap interval of nominal {ReportNumbers.Percent(coverage)} over {count} repetitions (with so few values narrower than the truth)"
                : range
                    ? $"the range of the {count} repetitions, which covers the median with probability {ReportNumbers.Percent(coverage)}"
                    : $"an order-statistic interval of the {count} repetitions covering the median {ReportNumbers.Percent(coverage)}");
        }
        return string.Join("; ", parts.Distinct());
    }

    /// <summary>For a comparison (Hodges–Lehmann with Moses' interval): "90 % interval".</summary>
    public static string Short(IEnumerable<ConfidenceInterval?> intervals)
    {
        var present = intervals.OfType<ConfidenceInterval>().ToList();
        return present.Count == 0 ? "interval" : Coverages(present.Select(i => i.Coverage)) + " interval";
    }

    private static bool IsRange(MetricSummary s) =>
        s.IntervalMethod == IntervalMethod.OrderStatistic && s.Lower == s.Min && s.Upper == s.Max;

    private static string Coverages(IEnumerable<double> coverages)
    {
        // Rounded as printed, so that 0.9375 and 0.93750001 are one level.
        var levels = coverages.Select(ReportNumbers.Percent).Distinct().ToList();
        var sorted = coverages.Distinct().Order().ToList();
        return levels.Count == 1 ? levels[0] : $"{ReportNumbers.Points(sorted[0])}–{ReportNumbers.Percent(sorted[^1])}";
    }
}
