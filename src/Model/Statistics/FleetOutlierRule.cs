namespace PerfSuite.Model.Statistics;

/// <summary>The test behind the fleet's outlier hosts (docs/methodology.md, "Fleet: the outlier host"). For one
/// metric in one cell group, each ordered pair (s, r) of hosts has repetitions y; on a log scale the model is
/// ln y = μ + a_s + b_r + ε, a sender share, a receiver share and noise.</summary>
/// <remarks>
/// <para>Host h against peer p, as senders: on every receiver q they both sent to (q ≠ h, p) the difference of their
/// mean log values cancels q's share; the mean over those receivers, δ, has variance s²·Σ(1/n_hq + 1/n_pq)/J², with
/// s² the within-pair variance pooled over every pair of the group (degrees of freedom Σ(n − 1)), so
/// t = δ / SE is Student's t under "h and p send alike". As receivers, the same with the roles exchanged.</para>
/// <para>h stands out when it differs, in one direction, from a strict majority m = ⌊P/2⌋ + 1 of its P peers. One bad
/// host in four therefore cannot make a healthy host stand out (a healthy host differs from one peer of three),
/// and the bad host differs from all three. The host's p-value is the m-th smallest same-direction per-peer p-value
/// times P/m, valid whatever the dependence between them (P(at least m of P p-values ≤ c) ≤ P·c/m by Markov's
/// inequality). Holm across every host, role, metric and group then bounds the chance of naming any healthy host.</para>
/// <para>The host's ratio to the fleet is exp of the median over peers of δ: with one bad peer among three or more,
/// the median ignores it.</para>
/// </remarks>
public static class FleetOutlierRule
{
    /// <summary>The per-peer level at which <see cref="HostContrast.PeersDiffering"/> counts a peer (unadjusted: it
    /// describes, the host's p-value decides).</summary>
    public const double NominalLevel = 0.05;

    /// <summary>The pooled within-pair variance of log values and its degrees of freedom; (NaN, 0) when no pair has
    /// two repetitions.</summary>
    public static (double Variance, int DegreesOfFreedom) PooledVariance(double[]?[,] logValues)
    {
        double sum = 0;
        var df = 0;
        foreach (var values in logValues)
        {
            if (values is not { Length: > 1 })
                continue;
            var mean = values.Average();
            foreach (var v in values)
                sum += (v - mean) * (v - mean);
            df += values.Length - 1;
        }
        return df == 0 ? (double.NaN, 0) : (sum / df, df);
    }

    /// <summary>Every host's contrast with the fleet at one end of its pairs.</summary>
    /// <param name="logValues">[sender, receiver]: ln of each repetition's value; null or empty where the pair has none.
    /// The diagonal is ignored.</param>
    /// <param name="asSender">True to compare hosts as senders, false as receivers.</param>
    /// <param name="variance">From <see cref="PooledVariance"/>.</param>
    /// <param name="degreesOfFreedom">From <see cref="PooledVariance"/>, at least 1.</param>
    public static HostContrast[] Contrast(double[]?[,] logValues, bool asSender, double variance, int degreesOfFreedom)
    {
        var hosts = logValues.GetLength(0);
        if (logValues.GetLength(1) != hosts)
            throw new ArgumentException("the pair table must be square: one row and one column per host", nameof(logValues));
        if (degreesOfFreedom < 1 || !(variance >= 0))
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "a pooled variance with at least one degree of freedom is required");

        double[]? Pair(int host, int other) => asSender ? logValues[host, other] : logValues[other, host];

        var result = new HostContrast[hosts];
        var deltas = new List<double>();
        var pValues = new List<(double Delta, double P)>();
        for (var h = 0; h < hosts; h++)
        {
            deltas.Clear();
            pValues.Clear();
            for (var p = 0; p < hosts; p++)
            {
                if (p == h)
                    continue;
                double sum = 0, inverseCounts = 0;
                var strata = 0;
                for (var q = 0; q < hosts; q++)
                {
                    if (q == h || q == p || Pair(h, q) is not { Length: > 0 } mine || Pair(p, q) is not { Length: > 0 } theirs)
                        continue;
                    sum += mine.Average() - theirs.Average();
                    inverseCounts += 1.0 / mine.Length + 1.0 / theirs.Length;
                    strata++;
                }
                if (strata == 0)
                    continue;
                var delta = sum / strata;
                var standardError = Math.Sqrt(variance * inverseCounts) / strata;
                double pValue;
                if (standardError > 0)
                    pValue = 2 * StudentTDistribution.Cdf(-Math.Abs(delta / standardError), degreesOfFreedom);
                else
                    pValue = delta == 0 ? 1 : 0;
                deltas.Add(delta);
                pValues.Add((delta, Math.Min(1, pValue)));
            }

            var pairs = Enumerable.Range(0, hosts).Count(o => o != h && Pair(h, o) is { Length: > 0 });
            var peers = deltas.Count;
            if (peers == 0)
            {
                result[h] = new HostContrast(h, double.NaN, 1, 0, 0, pairs);
                continue;
            }
            var logRatio = SampleStatistics.Median(deltas.ToArray());
            var majority = peers / 2 + 1;
            var sameDirection = pValues.Where(x => logRatio != 0 && Math.Sign(x.Delta) == Math.Sign(logRatio)).Select(x => x.P).Order().ToList();
            if (sameDirection.Count < majority)
            {
                result[h] = new HostContrast(h, logRatio, 1, peers, sameDirection.Count(p => p <= NominalLevel), pairs);
                continue;
            }
            result[h] = new HostContrast(h, logRatio, Math.Min(1, sameDirection[majority - 1] * peers / majority), peers,
                sameDirection.Count(p => p <= NominalLevel), pairs);
        }
        return result;
    }
}
