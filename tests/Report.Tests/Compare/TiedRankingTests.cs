using PerfSuite.Model.Results;
using PerfSuite.Report.Compare;

namespace PerfSuite.Report.Tests.Compare;

public sealed class TiedRankingTests
{
    [Fact]
    public void Equal_counts_share_a_rank_and_the_next_rank_skips_places()
    {
        RankCandidate[] candidates = [new(0, 4, null, null, "4"), new(1, 6, null, null, "6"), new(2, 6, null, null, "6"), new(3, 2, null, null, "2")];

        var ranks = TiedRanking.Rank(candidates, MetricDirection.HigherIsBetter);

        Assert.Equal([(1, 1, true), (1, 2, true), (3, 0, false), (4, 3, false)], ranks.Select(r => (r.Rank, r.Column, r.Tied)));
    }

    [Fact]
    public void A_tie_group_is_anchored_at_its_best_entry_because_overlap_is_not_transitive()
    {
        // Given C overlapping B and B overlapping A, but A not overlapping C
        RankCandidate[] candidates =
        [
            new(0, 10.0, 9.0, 11.0, "A"),
            new(1, 10.8, 10.5, 11.5, "B"),
            new(2, 11.6, 11.2, 12.0, "C"),
        ];

        var ranks = TiedRanking.Rank(candidates, MetricDirection.HigherIsBetter);

        // Then B ties with C, and A starts the next rank
        Assert.Equal([(1, 2, true), (1, 1, true), (3, 0, false)], ranks.Select(r => (r.Rank, r.Column, r.Tied)));
    }

    [Fact]
    public void Lower_is_better_puts_the_smallest_first_and_disjoint_intervals_do_not_tie()
    {
        RankCandidate[] candidates = [new(0, 80, 78, 82, "80 µs"), new(1, 50, 49, 51, "50 µs")];

        var ranks = TiedRanking.Rank(candidates, MetricDirection.LowerIsBetter);

        Assert.Equal([(1, 1, false), (2, 0, false)], ranks.Select(r => (r.Rank, r.Column, r.Tied)));
    }
}
