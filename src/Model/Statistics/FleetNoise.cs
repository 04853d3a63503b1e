namespace PerfSuite.Model.Statistics;

/// <summary>The noise the fleet's outlier rule judges a host's contrasts against, from two sources: the spread of
/// repetitions within a pair, and the pairs' departures from the additive model ln y = μ + a_s + b_r (what a pair
/// has of its own — a cable, a switch port, pairs that always run beside each other — which repetitions of that
/// pair cannot show).</summary>
/// <param name="RepetitionVariance">Within-pair variance of log values pooled over every pair (NaN when none has
/// two repetitions).</param>
/// <param name="RepetitionDegreesOfFreedom">Σ(n − 1) over the pairs.</param>
/// <param name="PairVariance">Residual mean square of the pairs' mean log values about the additive fit: the
/// variance of one pair's mean, pair effect and repetition noise together (NaN when the fit leaves no degrees of
/// freedom).</param>
/// <param name="PairDegreesOfFreedom">Pairs − (2·hosts − 1).</param>
public readonly record struct FleetNoise(double RepetitionVariance, int RepetitionDegreesOfFreedom, double PairVariance, int PairDegreesOfFreedom)
{
    /// <summary>Whether a contrast can be tested: at least one pair has two repetitions.</summary>
    public bool Testable => RepetitionDegreesOfFreedom >= 1;

    /// <summary>The degrees of freedom of a contrast's t: the smaller of the two sources', since its variance is the
    /// larger of theirs.</summary>
    public int DegreesOfFreedom => PairDegreesOfFreedom >= 1 ? Math.Min(RepetitionDegreesOfFreedom, PairDegreesOfFreedom) : RepetitionDegreesOfFreedom;

    /// <summary>Variance of the difference of two pair means with <paramref name="n1"/> and <paramref name="n2"/>
    /// repetitions: the larger of what the repetitions predict and twice the pair variance.</summary>
    public double DifferenceVariance(int n1, int n2)
    {
        var repetitions = RepetitionVariance * (1.0 / n1 + 1.0 / n2);
        return PairDegreesOfFreedom >= 1 ? Math.Max(repetitions, 2 * PairVariance) : repetitions;
    }

    /// <summary>Both sources for a table of ln values ([sender, receiver]; null or empty where a pair has none).</summary>
    public static FleetNoise Of(double[]?[,] logValues)
    {
        var hosts = logValues.GetLength(0);
        double within = 0;
        var withinDf = 0;
        var means = new double[hosts, hosts];
        var present = new bool[hosts, hosts];
        var pairs = 0;
        for (var s = 0; s < hosts; s++)
        {
            for (var r = 0; r < hosts; r++)
            {
                if (s == r || logValues[s, r] is not { Length: > 0 } values)
                    continue;
                var mean = values.Average();
                foreach (var v in values)
                    within += (v - mean) * (v - mean);
                withinDf += values.Length - 1;
                means[s, r] = mean;
                present[s, r] = true;
                pairs++;
            }
        }
        var active = Enumerable.Range(0, hosts).Count(h => Enumerable.Range(0, hosts).Any(o => present[h, o] || present[o, h]));
        var pairDf = pairs - (2 * active - 1);
        return new FleetNoise(withinDf == 0 ? double.NaN : within / withinDf, withinDf,
            pairDf >= 1 ? AdditiveResidualSquares(means, present) / pairDf : double.NaN, Math.Max(pairDf, 0));
    }

    /// <summary>Least-squares fit of μ + a_s + b_r to the present cells by backfitting (row and column means of the
    /// residual in turn; the table is connected, so it converges), and the sum of squared residuals.</summary>
    private static double AdditiveResidualSquares(double[,] means, bool[,] present)
    {
        var hosts = means.GetLength(0);
        var sender = new double[hosts];
        var receiver = new double[hosts];
        var previous = double.PositiveInfinity;
        var rss = 0.0;
        for (var iteration = 0; iteration < 500; iteration++)
        {
            Update(sender, receiver, rows: true);
            Update(receiver, sender, rows: false);
            rss = 0;
            for (var s = 0; s < hosts; s++)
            {
                for (var r = 0; r < hosts; r++)
                {
                    if (present[s, r])
                        rss += Math.Pow(means[s, r] - sender[s] - receiver[r], 2);
                }
            }
            if (previous - rss <= 1e-15 * (1 + rss))
                break;
            previous = rss;
        }
        return rss;

        // The grand mean lives in the sender shares; receiver shares absorb the rest.
        void Update(double[] target, double[] other, bool rows)
        {
            for (var i = 0; i < hosts; i++)
            {
                double sum = 0;
                var count = 0;
                for (var j = 0; j < hosts; j++)
                {
                    var (s, r) = rows ? (i, j) : (j, i);
                    if (!present[s, r])
                        continue;
                    sum += means[s, r] - other[j];
                    count++;
                }
                target[i] = count > 0 ? sum / count : 0;
            }
        }
    }
}
