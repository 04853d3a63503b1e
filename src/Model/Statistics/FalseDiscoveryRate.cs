namespace PerfSuite.Model.Statistics;

/// <summary>The Benjamini–Hochberg step-up procedure (1995): across m tests, rejects the hypotheses whose adjusted
/// p-value is at most q, so that the expected share of false rejections among all rejections is at most q. When
/// every hypothesis is true (nothing changed) a false discovery is any rejection at all, so the chance of even one
/// is also at most q. Valid for independent or positively dependent tests (Benjamini &amp; Yekutieli 2001, PRDS):
/// one-sided tests of cells that share a run's drift are positively dependent.</summary>
public static class FalseDiscoveryRate
{
    /// <summary>BH-adjusted p-values, in the order given: p̃₍ᵢ₎ = min over j ≥ i of m·p₍ⱼ₎ / j, at most 1.</summary>
    public static double[] Adjust(IReadOnlyList<double> pValues)
    {
        var m = pValues.Count;
        var order = Enumerable.Range(0, m).OrderBy(i => pValues[i]).ToArray();
        var adjusted = new double[m];
        var running = 1.0;
        for (var rank = m; rank >= 1; rank--)
        {
            var index = order[rank - 1];
            var p = pValues[index];
            if (!(p >= 0 && p <= 1))
                throw new ArgumentOutOfRangeException(nameof(pValues), p, "a p-value must be between 0 and 1");
            running = Math.Min(running, p * m / rank);
            adjusted[index] = running;
        }
        return adjusted;
    }
}
