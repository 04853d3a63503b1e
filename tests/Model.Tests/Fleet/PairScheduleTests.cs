using PerfSuite.Model.Errors;
using PerfSuite.Model.Fleet;

namespace PerfSuite.Model.Tests.Fleet;

public sealed class PairScheduleTests
{
    public static TheoryData<int, int> Fleets()
    {
        var data = new TheoryData<int, int>();
        for (var n = 2; n <= 9; n++)
        {
            foreach (var k in new[] { 1, 2, 3, 4, 100 })
                data.Add(n, k);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Fleets))]
    public void Every_ordered_pair_is_measured_exactly_once_in_rounds_of_disjoint_pairs_within_the_cap(int hosts, int concurrency)
    {
        // Given N named hosts
        var names = Enumerable.Range(0, hosts).Select(i => $"h{i}").ToList();

        // When
        var rounds = PairSchedule.Rounds(names, concurrency);

        // Then every one of the N(N − 1) ordered pairs appears once
        var all = rounds.SelectMany(r => r).ToList();
        Assert.Equal(hosts * (hosts - 1), all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(all, p => Assert.NotEqual(p.Sender, p.Receiver));
        Assert.All(all, p => Assert.Contains(p.Sender, names));
        Assert.All(all, p => Assert.Contains(p.Receiver, names));
        // ... no host is in two tests of one round, no round is empty or above the cap
        foreach (var round in rounds)
        {
            Assert.NotEmpty(round);
            Assert.True(round.Count <= concurrency, $"{round.Count} pairs in a round capped at {concurrency}");
            var busy = round.SelectMany(p => new[] { p.Sender, p.Receiver }).ToList();
            Assert.Equal(busy.Count, busy.Distinct().Count());
        }
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(3, 6)]
    [InlineData(4, 6)]
    [InlineData(5, 10)]
    [InlineData(8, 14)]
    [InlineData(9, 18)]
    public void Without_a_cap_the_rounds_are_the_fewest_possible(int hosts, int expectedRounds)
    {
        var rounds = PairSchedule.Rounds(Enumerable.Range(0, hosts).Select(i => $"h{i}").ToList(), concurrency: 100);

        // N(N − 1) pairs, at most ⌊N / 2⌋ in a round
        Assert.Equal(expectedRounds, rounds.Count);
        Assert.Equal(hosts * (hosts - 1), expectedRounds * (hosts / 2));
    }

    [Fact]
    public void Two_hosts_are_measured_in_both_directions_one_after_the_other()
    {
        var rounds = PairSchedule.Rounds(["a", "b"], concurrency: 4);

        Assert.Equal([[new HostPair("a", "b")], [new HostPair("b", "a")]], rounds.Select(r => r.ToArray()).ToArray());
    }

    [Fact]
    public void Concurrency_one_runs_the_pairs_one_by_one()
    {
        var rounds = PairSchedule.Rounds(["a", "b", "c", "d"], concurrency: 1);

        Assert.Equal(12, rounds.Count);
        Assert.All(rounds, r => Assert.Single(r));
    }

    [Theory]
    [InlineData(new[] { "a" }, 1, "at least two hosts")]
    [InlineData(new[] { "a", "b" }, 0, "--concurrency must be at least 1")]
    [InlineData(new[] { "a", "b", "a" }, 1, "'a' is given twice")]
    public void Bad_input_is_refused_with_the_reason(string[] hosts, int concurrency, string reason)
    {
        var e = Assert.Throws<PerfSuiteException>(() => PairSchedule.Rounds(hosts, concurrency));

        Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
        Assert.Contains(reason, e.Message);
    }
}
