using System.Buffers;

namespace PerfSuite.Model.Statistics;

/// <summary>Two-sided Mann–Whitney U test (Wilcoxon rank-sum), the test methodology §4 prescribes for comparing
/// repetitions: it assumes no distribution, and with few repetitions its exact distribution says honestly how
/// small a p-value can get.</summary>
/// <remarks>Without ties and for m·n ≤ <see cref="MannWhitneyDistribution.MaxExactProduct"/> the p-value is
/// exact. With ties (the exact distribution assumes none) or larger samples it uses the normal approximation
/// with the tie-corrected variance σ² = m·n/12 · ((N + 1) − Σ(t³ − t)/(N(N − 1))) and a continuity correction of
/// ½, as R's <c>wilcox.test(exact = FALSE, correct = TRUE)</c> and SciPy's asymptotic method do.</remarks>
public static class MannWhitneyTest
{
    public static MannWhitneyResult Compute(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        SampleStatistics.RequireSample(a);
        SampleStatistics.RequireSample(b);
        int m = a.Length, n = b.Length, total = m + n;
        double[]? rentedValues = null;
        byte[]? rentedOwners = null;
        var values = total <= SampleStatistics.StackLimit
            ? stackalloc double[total]
            : (rentedValues = ArrayPool<double>.Shared.Rent(total)).AsSpan(0, total);
        var owners = total <= SampleStatistics.StackLimit
            ? stackalloc byte[total]
            : (rentedOwners = ArrayPool<byte>.Shared.Rent(total)).AsSpan(0, total);
        try
        {
            a.CopyTo(values);
            b.CopyTo(values[m..]);
            owners[..m].Clear();
            owners[m..].Fill(1);
            values.Sort(owners);

            // Mid-ranks: a run of t equal values at 1-based ranks i+1..i+t all get i + (t + 1)/2.
            var rankSumB = 0.0;
            var tieTerm = 0.0;
            for (var i = 0; i < total;)
            {
                var j = i + 1;
                while (j < total && values[j] == values[i])
                    j++;
                var t = j - i;
                var midRank = i + (t + 1) / 2.0;
                for (var k = i; k < j; k++)
                {
                    if (owners[k] == 1)
                        rankSumB += midRank;
                }
                if (t > 1)
                    tieTerm += (double)t * t * t - t;
                i = j;
            }
            var u = rankSumB - n * (n + 1) / 2.0;
            var hasTies = tieTerm > 0;

            if (!hasTies && (long)m * n <= MannWhitneyDistribution.MaxExactProduct)
            {
                // Without ties U is an integer; the null distribution is symmetric about m·n/2.
                var whole = (int)Math.Round(u);
                return new MannWhitneyResult(m, n, u, MannWhitneyDistribution.TwoSidedPValue(m, n, u), MannWhitneyMethod.Exact, false,
                    MannWhitneyDistribution.CumulativeProbability(m, n, whole),
                    MannWhitneyDistribution.CumulativeProbability(m, n, m * n - whole));
            }
            return new MannWhitneyResult(m, n, u, NormalPValue(m, n, u, tieTerm), MannWhitneyMethod.NormalApproximation, hasTies,
                OneSidedNormalPValue(m, n, u, tieTerm, less: true), OneSidedNormalPValue(m, n, u, tieTerm, less: false));
        }
        finally
        {
            if (rentedValues is not null)
                ArrayPool<double>.Shared.Return(rentedValues);
            if (rentedOwners is not null)
                ArrayPool<byte>.Shared.Return(rentedOwners);
        }
    }

    private static double OneSidedNormalPValue(int m, int n, double u, double tieTerm, bool less)
    {
        double mn = (double)m * n, total = m + n;
        var variance = mn / 12.0 * (total + 1 - tieTerm / (total * (total - 1)));
        if (variance <= 0)
            return 1;
        // P(U ≤ u) ≈ Φ((u − mn/2 + ½)/σ); P(U ≥ u) ≈ Φ((mn/2 − u + ½)/σ).
        var z = ((less ? u - mn / 2 : mn / 2 - u) + 0.5) / Math.Sqrt(variance);
        return Math.Min(1, NormalDistribution.Cdf(z));
    }

    private static double NormalPValue(int m, int n, double u, double tieTerm)
    {
        double mn = (double)m * n, total = m + n;
        var variance = mn / 12.0 * (total + 1 - tieTerm / (total * (total - 1)));
        if (variance <= 0)
            return 1; // every value equal: nothing to tell the samples apart
        var z = Math.Max(0, Math.Abs(u - mn / 2) - 0.5) / Math.Sqrt(variance);
        return Math.Min(1, 2 * NormalDistribution.UpperTail(z));
    }
}
