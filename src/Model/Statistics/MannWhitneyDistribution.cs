using System.Buffers;

namespace PerfSuite.Model.Statistics;

/// <summary>The exact null distribution of the Mann–Whitney U statistic for samples of sizes m and n without
/// ties: every one of the C(m + n, m) orderings is equally likely.</summary>
/// <remarks>
/// The number of orderings with U = u is the coefficient of qᵘ in the Gaussian binomial coefficient
/// [m + n choose m]_q = Π_{i=1..m} (1 − q^(n+i)) / (1 − q^i). Multiplying the polynomial in turn by each factor
/// costs O(min(m, n)·m·n); the low coefficients that decide small p-values are exact integers (up to 2⁵³)
/// and the upper half is their mirror image.
/// </remarks>
public static class MannWhitneyDistribution
{
    /// <summary>Largest m·n for which the exact distribution is computed (50 × 50); beyond it the normal
    /// approximation is within far less than any threshold a gate uses.</summary>
    public const int MaxExactProduct = 2500;

    /// <summary>P(U ≤ u) under the null hypothesis.</summary>
    public static double CumulativeProbability(int m, int n, int u)
    {
        Validate(m, n);
        if (u < 0)
            return 0;
        if (u >= m * n)
            return 1;
        var counts = ArrayPool<double>.Shared.Rent(m * n + 1);
        try
        {
            var span = counts.AsSpan(0, m * n + 1);
            FillCounts(m, n, span);
            return LowerTail(span, u);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(counts);
        }
    }

    /// <summary>Two-sided exact p-value of an observed U: 2·min(P(U ≤ u), P(U ≥ u)), at most 1. The distribution
    /// is symmetric about m·n/2, so P(U ≥ u) = P(U ≤ m·n − u).</summary>
    public static double TwoSidedPValue(int m, int n, double u)
    {
        Validate(m, n);
        var lower = (int)Math.Floor(Math.Min(u, m * n - u));
        return Math.Min(1, 2 * CumulativeProbability(m, n, lower));
    }

    /// <summary>The smallest two-sided p-value any outcome can give: 2 / C(m + n, m) (both samples entirely
    /// apart). With 3 repetitions a side it is 0.10, so no such comparison can ever pass α = 0.05.</summary>
    public static double SmallestTwoSidedPValue(int m, int n)
    {
        if (m < 1 || n < 1)
            throw new ArgumentOutOfRangeException(nameof(m), $"both samples need at least one value (sizes {m} and {n})");
        return Math.Min(1, 2 * Math.Exp(-MedianInterval.LogChoose(m + n, m)));
    }

    /// <summary>The largest critical count c ≥ 0 with P(U ≤ c − 1) ≤ <paramref name="tail"/>, and that
    /// probability. c = 0 means even the most extreme outcome is more likely than the tail allows.</summary>
    public static (int Critical, double TailProbability) CriticalCount(int m, int n, double tail)
    {
        Validate(m, n);
        var counts = ArrayPool<double>.Shared.Rent(m * n + 1);
        try
        {
            var span = counts.AsSpan(0, m * n + 1);
            FillCounts(m, n, span);
            var total = Total(span);
            var cumulative = 0.0;
            var critical = 0;
            var probability = 0.0;
            for (var u = 0; u <= m * n / 2; u++)
            {
                var next = cumulative + span[u];
                if (next / total > tail)
                    break;
                cumulative = next;
                critical = u + 1;
                probability = cumulative / total;
            }
            return (critical, probability);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(counts);
        }
    }

    /// <summary>Writes into <paramref name="counts"/> (length m·n + 1) how many orderings give each U.</summary>
    public static void FillCounts(int m, int n, Span<double> counts)
    {
        Validate(m, n);
        var degree = m * n;
        if (counts.Length != degree + 1)
            throw new ArgumentException($"the span must hold m·n + 1 = {degree + 1} values", nameof(counts));
        // The product is symmetric in m and n; the smaller one sets the number of factors.
        var small = Math.Min(m, n);
        var large = Math.Max(m, n);
        counts.Clear();
        counts[0] = 1;
        for (var i = 1; i <= small; i++)
        {
            // Dividing by (1 − q^i) is a running sum with stride i; the truncation at m·n is harmless because
            // every step only moves weight to higher powers.
            for (var k = i; k <= degree; k++)
                counts[k] += counts[k - i];
            var shift = large + i;
            for (var k = degree; k >= shift; k--)
                counts[k] -= counts[k - shift];
        }
        // High powers come out of subtractions of values near C(m + n, m) and carry that much rounding noise (a
        // count of 3 can come out as −4 for 25 and 40 values); the low ones never meet a large value. The
        // distribution is symmetric about m·n/2, so the upper half is copied from the exact lower half.
        for (var k = 0; k < degree - k; k++)
            counts[degree - k] = counts[k];
    }

    private static double LowerTail(ReadOnlySpan<double> counts, int u)
    {
        var below = 0.0;
        for (var k = 0; k <= u; k++)
            below += counts[k];
        return Math.Min(1, below / Total(counts));
    }

    private static double Total(ReadOnlySpan<double> counts)
    {
        var total = 0.0;
        foreach (var c in counts)
            total += c;
        return total;
    }

    private static void Validate(int m, int n)
    {
        if (m < 1 || n < 1)
            throw new ArgumentOutOfRangeException(nameof(m), $"both samples need at least one value (sizes {m} and {n})");
        if ((long)m * n > MaxExactProduct)
            throw new ArgumentOutOfRangeException(nameof(m), $"the exact distribution is limited to m·n ≤ {MaxExactProduct} (sizes {m} and {n})");
    }
}
