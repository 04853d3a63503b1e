using PerfSuite.Model.Errors;

namespace PerfSuite.Model.Fleet;

/// <summary>The order in which a fleet run measures its hosts: rounds of disjoint ordered pairs, so that every host
/// sends to and receives from every other exactly once, no host is in two tests at once (its NIC and CPU would be
/// shared, and the numbers with them), and no round runs more than <c>--concurrency</c> pairs.</summary>
/// <remarks>Without a cap the rounds are a round-robin tournament (the circle method: host 0 fixed, the others
/// rotating; a bye when the count is odd) played twice, the second time in the other direction: 2(N − 1) rounds of
/// N / 2 pairs for even N, 2N rounds of (N − 1) / 2 for odd N, which is the fewest possible, since a round holds at
/// most ⌊N / 2⌋ disjoint pairs and there are N(N − 1). With a cap K below that, the pairs are packed greedily in the
/// tournament's order into rounds of at most K disjoint pairs.</remarks>
public static class PairSchedule
{
    /// <summary>The rounds for <paramref name="hosts"/> (distinct names, at least two) with at most
    /// <paramref name="concurrency"/> pairs at once (1: one pair at a time).</summary>
    public static IReadOnlyList<IReadOnlyList<HostPair>> Rounds(IReadOnlyList<string> hosts, int concurrency)
    {
        if (hosts.Count < 2)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"a fleet run needs at least two hosts; {hosts.Count} given");
        if (concurrency < 1)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"--concurrency must be at least 1; {concurrency} given");
        var duplicate = hosts.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"host name '{duplicate.Key}' is given twice; every host of a fleet needs its own name");

        var tournament = Tournament(hosts);
        if (concurrency >= hosts.Count / 2)
            return tournament;
        return Pack(tournament.SelectMany(r => r).ToList(), concurrency);
    }

    /// <summary>The uncapped schedule: every round of the circle method once forwards, then every round reversed.</summary>
    private static List<IReadOnlyList<HostPair>> Tournament(IReadOnlyList<string> hosts)
    {
        // Slot −1 is the bye of an odd count: whoever meets it sits the round out.
        var slots = Enumerable.Range(0, hosts.Count).ToList();
        if (slots.Count % 2 == 1)
            slots.Add(-1);
        var n = slots.Count;
        var forward = new List<IReadOnlyList<HostPair>>();
        for (var round = 0; round < n - 1; round++)
        {
            var pairs = new List<HostPair>();
            for (var i = 0; i < n / 2; i++)
            {
                int a = slots[i], b = slots[n - 1 - i];
                if (a < 0 || b < 0)
                    continue;
                // Alternating who sends first keeps a host from sending in every forward round.
                pairs.Add((round + i) % 2 == 0 ? new HostPair(hosts[a], hosts[b]) : new HostPair(hosts[b], hosts[a]));
            }
            forward.Add(pairs);
            // Rotate every slot but the first one place.
            var last = slots[n - 1];
            slots.RemoveAt(n - 1);
            slots.Insert(1, last);
        }
        var reversed = forward.Select(r => (IReadOnlyList<HostPair>)r.Select(p => new HostPair(p.Receiver, p.Sender)).ToList());
        return [.. forward, .. reversed];
    }

    private static List<IReadOnlyList<HostPair>> Pack(List<HostPair> pending, int concurrency)
    {
        var rounds = new List<IReadOnlyList<HostPair>>();
        while (pending.Count > 0)
        {
            var round = new List<HostPair>();
            var busy = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < pending.Count && round.Count < concurrency; i++)
            {
                var pair = pending[i];
                if (busy.Contains(pair.Sender) || busy.Contains(pair.Receiver))
                    continue;
                busy.Add(pair.Sender);
                busy.Add(pair.Receiver);
                round.Add(pair);
                pending.RemoveAt(i--);
            }
            rounds.Add(round);
        }
        return rounds;
    }
}
