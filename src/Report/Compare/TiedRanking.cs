using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Report.Compare;

/// <summary>Orders candidates best first and gives tied ones the same rank (standard competition ranking:
/// 1, 1, 3). Two measured medians tie when their intervals overlap — the data cannot tell them apart — and
/// values without intervals (counts) tie when equal. The rule names the coverage the intervals really have (the
/// stored one: a range of 3 covers its median 75 %), never a fixed 95 %. Overlap is not transitive, so a tie group is anchored at
/// its best entry: an entry joins the group when it overlaps that entry, and starts a new rank otherwise.</summary>
public static class TiedRanking
{
    /// <summary>"tied when the intervals of the medians overlap (each covers its median 75 %)", from the coverages
    /// the candidates' summaries store.</summary>
    public static string IntervalRule(IEnumerable<RankCandidate> candidates)
    {
        var coverages = candidates.Select(c => c.Coverage).OfType<double>().ToList();
        if (coverages.Count == 0)
            return "tied when the intervals of the medians overlap";
        double low = coverages.Min(), high = coverages.Max();
        var what = CoverageText.Percent(low) == CoverageText.Percent(high)
            ? $"each covers its median {CoverageText.Percent(low)}"
            : $"they cover their medians {CoverageText.Percent(low)} to {CoverageText.Percent(high)}";
        return $"tied when the intervals of the medians overlap ({what})";
    }

    public const string EqualRule = "tied when equal";

    public static IReadOnlyList<RankEntry> Rank(IReadOnlyList<RankCandidate> candidates, MetricDirection direction)
    {
        var sorted = candidates
            .OrderBy(c => direction == MetricDirection.HigherIsBetter ? -c.Value : c.Value)
            .ThenBy(c => c.Column)
            .ToList();
        var ranks = new int[sorted.Count];
        var anchor = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i > 0 && !Ties(sorted[anchor], sorted[i]))
                anchor = i;
            ranks[i] = anchor + 1;
        }
        return sorted.Select((c, i) => new RankEntry(ranks[i], c.Column, c.Value, c.Lower, c.Upper,
            ranks.Count(r => r == ranks[i]) > 1, c.Text, c.Coverage)).ToList();
    }

    private static bool Ties(RankCandidate best, RankCandidate other)
    {
        // Exact equality first: intervals are not needed to see that two identical values cannot be ordered.
        if (best.Value.Equals(other.Value))
            return true;
        return best.Lower is { } bl && best.Upper is { } bu && other.Lower is { } ol && other.Upper is { } ou
            && bl <= ou && ol <= bu;
    }
}
