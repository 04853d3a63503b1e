using System.Buffers;

namespace PerfSuite.Model.Statistics;

/// <summary>Hodges–Lehmann estimates of how sample B differs from sample A, with Moses' distribution-free
/// interval: the shift B − A, and the ratio B / A.</summary>
/// <remarks>
/// <para>The shift estimate is the median of all m·n differences bⱼ − aᵢ; the interval runs from the k-th smallest
/// to the k-th largest difference, k being the critical count of the exact Mann–Whitney distribution for the
/// level (the normal approximation beyond <see cref="MannWhitneyDistribution.MaxExactProduct"/>).</para>
/// <para>The ratio is the same construction on log values, mapped back with exp. It is chosen over a bootstrap of
/// median(B)/median(A) because (1) a performance change is multiplicative — a slower datapath scales every
/// repetition, so on the log scale it is a shift, the model under which the Hodges–Lehmann estimate is the ratio
/// of medians; (2) the interval is exact and distribution-free, with no seed and no resampling noise; and
/// (3) it is the interval that inverts the Mann–Whitney test on log values, and that test gives the same p-value
/// as on the raw values (ranks do not change under log), so "p &lt; α" and "the 1 − α interval excludes 1" agree
/// as a gate needs them to, instead of contradicting each other near the edge. With few repetitions the interval
/// cannot reach a high level (3 a side: at most 90 %); <see cref="ConfidenceInterval.ReachesLevel"/> says so.</para>
/// </remarks>
public static class HodgesLehmann
{
    /// <summary>Estimate and interval for the location shift of B relative to A (B − A).</summary>
    public static ConfidenceInterval Shift(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double confidence = 0.95)
    {
        SampleStatistics.RequireSample(a);
        SampleStatistics.RequireSample(b);
        return Compute(a, b, confidence, logScale: false);
    }

    /// <summary>Estimate and interval for the ratio B / A (1.10 means B is 10 % larger). Every value must be
    /// positive.</summary>
    public static ConfidenceInterval Ratio(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double confidence = 0.95)
    {
        SampleStatistics.RequireSample(a);
        SampleStatistics.RequireSample(b);
        RequirePositive(a, nameof(a));
        RequirePositive(b, nameof(b));
        return Compute(a, b, confidence, logScale: true);
    }

    private static ConfidenceInterval Compute(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double confidence, bool logScale)
    {
        if (!(confidence > 0 && confidence < 1))
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "the confidence level must be between 0 and 1");
        int m = a.Length, n = b.Length;
        var count = checked(m * n);
        var rented = ArrayPool<double>.Shared.Rent(count);
        try
        {
            var differences = rented.AsSpan(0, count);
            for (var i = 0; i < m; i++)
            {
                var x = logScale ? Math.Log(a[i]) : a[i];
                for (var j = 0; j < n; j++)
                    differences[i * n + j] = (logScale ? Math.Log(b[j]) : b[j]) - x;
            }
            differences.Sort();
            var estimate = SampleStatistics.QuantileOfSorted(differences, 0.5);
            var (k, coverage, method) = CriticalRank(m, n, confidence);
            var lower = differences[k - 1];
            var upper = differences[count - k];
            return logScale
                ? new ConfidenceInterval(Math.Exp(estimate), Math.Exp(lower), Math.Exp(upper), confidence, coverage, method, k)
                : new ConfidenceInterval(estimate, lower, upper, confidence, coverage, method, k);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>The 1-based rank k of Moses' interval [D₍ₖ₎, D₍ₘₙ₊₁₋ₖ₎] and its coverage 1 − 2·P(U ≤ k − 1).
    /// When no k reaches the level, k = 1 (the widest interval) with its lower coverage.</summary>
    internal static (int Rank, double Coverage, IntervalMethod Method) CriticalRank(int m, int n, double confidence)
    {
        var tail = (1 - confidence) / 2;
        if ((long)m * n <= MannWhitneyDistribution.MaxExactProduct)
        {
            var (critical, probability) = MannWhitneyDistribution.CriticalCount(m, n, tail);
            if (critical >= 1)
                return (critical, 1 - 2 * probability, IntervalMethod.MannWhitneyExact);
            return (1, 1 - 2 * MannWhitneyDistribution.CumulativeProbability(m, n, 0), IntervalMethod.MannWhitneyExact);
        }
        double mn = (double)m * n;
        var z = NormalDistribution.Quantile(1 - tail);
        var rank = (int)Math.Floor(mn / 2 - z * Math.Sqrt(mn * (m + n + 1) / 12.0));
        return (Math.Max(1, rank), confidence, IntervalMethod.MannWhitneyNormal);
    }

    private static void RequirePositive(ReadOnlySpan<double> sample, string name)
    {
        foreach (var x in sample)
        {
            if (x <= 0)
                throw new ArgumentException($"a ratio needs positive values, and the sample holds {x}", name);
        }
    }
}
