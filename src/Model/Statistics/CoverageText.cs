using System.Globalization;
using PerfSuite.Model.Results;

namespace PerfSuite.Model.Statistics;

/// <summary>How every output names an interval's coverage: the stored, true coverage, never a fixed "95 %"
/// (issue 14). "range of 3, covers the median 75 %"; "2nd to 9th of 10, covers the median 97.9 %"; one
/// repetition has no interval and says so. The console, the report, compare and the gate all word intervals here,
/// so that one run reads the same everywhere.</summary>
public static class CoverageText
{
    /// <summary>What a single repetition's value is said to have instead of an interval.</summary>
    public const string NoInterval = "1 repetition, no interval";

    /// <summary>A coverage as a percentage with at most one decimal and no trailing ".0": 75 %, 87.5 %, 93.8 %.</summary>
    public static string Percent(double coverage) => Points(coverage) + " %";

    /// <summary>The interval of a median over <paramref name="n"/> values between the order statistics of rank
    /// <paramref name="rank"/> from each end, with its coverage.</summary>
    public static string MedianInterval(int n, int rank, double coverage)
    {
        if (n <= 1)
            return NoInterval;
        var what = rank <= 1
            ? string.Create(CultureInfo.InvariantCulture, $"range of {n}")
            : string.Create(CultureInfo.InvariantCulture, $"{Ordinal(rank)} to {Ordinal(rank)}-largest of {n}");
        return $"{what}, covers the median {Percent(coverage)}";
    }

    /// <summary>A short form for a table column: "range of 3: 75 %", "97.9 % of 10", "1 repetition".</summary>
    public static string Short(int n, int rank, double coverage) =>
        n <= 1 ? "1 repetition"
        : rank <= 1 ? string.Create(CultureInfo.InvariantCulture, $"range of {n}: {Percent(coverage)}")
        : string.Create(CultureInfo.InvariantCulture, $"{Percent(coverage)} of {n}");

    /// <summary>For a table header or a legend over many medians: "range of 3", "94 % interval", "95 % bootstrap
    /// interval"; several kinds at once are joined ("range of 2 or 3", "75–90 % interval"); with one repetition
    /// everywhere <see cref="NoInterval"/>.</summary>
    public static string Short(IEnumerable<MetricSummary?> summaries)
    {
        var present = summaries.OfType<MetricSummary>().Where(s => s.N > 1).ToList();
        if (present.Count == 0)
            return NoInterval;
        if (present.All(IsRange))
        {
            var counts = present.Select(s => s.N).Distinct().Order().Select(n => n.ToString(CultureInfo.InvariantCulture)).ToList();
            return "range of " + string.Join(" or ", counts);
        }
        var bootstrap = present.Any(s => s.IntervalMethod == IntervalMethod.Bootstrap) ? " bootstrap" : "";
        return Levels(present.Select(s => s.Coverage)) + bootstrap + " interval";
    }

    /// <summary>For a comparison's intervals (Hodges–Lehmann with Moses' interval): "90 % interval".</summary>
    public static string Short(IEnumerable<ConfidenceInterval?> intervals)
    {
        var present = intervals.OfType<ConfidenceInterval>().ToList();
        return present.Count == 0 ? "interval" : Levels(present.Select(i => i.Coverage)) + " interval";
    }

    /// <summary>For a caption: what the intervals of these medians are and how often each covers its median.</summary>
    public static string Sentence(IEnumerable<MetricSummary?> summaries)
    {
        var present = summaries.OfType<MetricSummary>().Where(s => s.N > 1).ToList();
        if (present.Count == 0)
            return NoInterval;
        var parts = new List<string>();
        foreach (var kind in present.GroupBy(s => (Range: IsRange(s), s.IntervalMethod, s.N, s.Coverage)).OrderBy(g => g.Key.N))
        {
            var (range, method, n, coverage) = kind.Key;
            var count = n.ToString(CultureInfo.InvariantCulture);
            parts.Add(method == IntervalMethod.Bootstrap
                ? $"a percentile-bootstrap interval of nominal {Percent(coverage)} over {count} repetitions (with so few values narrower than the truth)"
                : range
                    ? $"the range of the {count} repetitions, which covers the median with probability {Percent(coverage)}"
                    : $"an order-statistic interval of the {count} repetitions covering the median {Percent(coverage)}");
        }
        return string.Join("; ", parts.Distinct());
    }

    /// <summary>One level, or the lowest and highest of several as printed: "90 %", "75–90 %".</summary>
    public static string Levels(IEnumerable<double> coverages)
    {
        // Compared as printed, so that 0.9375 and 0.93750001 are one level.
        var sorted = coverages.Distinct().Order().ToList();
        var low = Percent(sorted[0]);
        var high = Percent(sorted[^1]);
        return low == high ? low : $"{Points(sorted[0])}–{high}";
    }

    private static bool IsRange(MetricSummary s) =>
        s.IntervalMethod == IntervalMethod.OrderStatistic && s.Lower == s.Min && s.Upper == s.Max;

    private static string Points(double coverage)
    {
        if (!double.IsFinite(coverage))
            return "n/a";
        var rounded = Math.Round(coverage * 100, 1, MidpointRounding.AwayFromZero);
        // 1 − 2⁻²⁰ must not print as 100 %: an interval that is not certain never says so.
        if (rounded >= 100 && coverage < 1)
            rounded = 99.9;
        return rounded.ToString("0.#", CultureInfo.InvariantCulture);
    }

    private static string Ordinal(int k) =>
        k.ToString(CultureInfo.InvariantCulture) + ((k % 100) is 11 or 12 or 13 ? "th" : (k % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" });
}
