using System.Buffers;

namespace PerfSuite.Model.Statistics;

/// <summary>A confidence interval for the median of one sample (methodology §4).</summary>
/// <remarks>
/// When the sample is large enough, the interval is [X₍ⱼ₎, X₍ₙ₊₁₋ⱼ₎] with the largest j whose exact coverage
/// 1 − 2·P(Binomial(n, ½) ≤ j − 1) reaches the level: distribution-free, no resampling, no seed. At 95 % that
/// needs n ≥ 6 (with n = 5 even [min, max] covers only 93.75 %). Smaller samples get a percentile bootstrap with
/// a fixed seed, which is reproducible but, with so few values, narrower than the truth: the method is recorded
/// so that a reader knows.
/// </remarks>
public static class MedianInterval
{
    public const double DefaultConfidence = 0.95;
    public const ulong DefaultSeed = 0x5EED_9E37_79B9_7F4AUL;
    public const int DefaultResamples = 10_000;

    public static ConfidenceInterval Compute(ReadOnlySpan<double> sample, double confidence = DefaultConfidence,
        ulong seed = DefaultSeed, int resamples = DefaultResamples)
    {
        if (!(confidence > 0 && confidence < 1))
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "the confidence level must be between 0 and 1");
        SampleStatistics.RequireSample(sample);
        double[]? rented = null;
        var sorted = sample.Length <= SampleStatistics.StackLimit
            ? stackalloc double[sample.Length]
            : (rented = ArrayPool<double>.Shared.Rent(sample.Length)).AsSpan(0, sample.Length);
        try
        {
            sample.CopyTo(sorted);
            sorted.Sort();
            var median = SampleStatistics.QuantileOfSorted(sorted, 0.5);
            var (rank, coverage) = OrderStatisticRank(sorted.Length, confidence);
            if (rank > 0)
                return new ConfidenceInterval(median, sorted[rank - 1], sorted[^rank], confidence, coverage, IntervalMethod.OrderStatistic);
            return Bootstrap(sorted, median, confidence, seed, resamples);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>The largest 1-based rank j such that [X₍ⱼ₎, X₍ₙ₊₁₋ⱼ₎] covers the median with probability at least
    /// <paramref name="confidence"/>, and that exact coverage; (0, coverage of [min, max]) when no j does.</summary>
    public static (int Rank, double Coverage) OrderStatisticRank(int n, double confidence)
    {
        if (n < 1)
            throw new ArgumentOutOfRangeException(nameof(n), n, "the sample size must be positive");
        // P(Bin(n, ½) ≤ j − 1) accumulated term by term; C(n, i)/2ⁿ is computed in log space so that n in the
        // thousands neither overflows nor underflows.
        var tail = 0.0;
        var rank = 0;
        var coverage = 1 - 2 * Math.Pow(0.5, n);
        for (var j = 1; j <= (n + 1) / 2; j++)
        {
            tail += BinomialHalf(n, j - 1);
            var c = 1 - 2 * tail;
            if (c < confidence)
                break;
            rank = j;
            coverage = c;
        }
        return (rank, coverage);
    }

    private static double BinomialHalf(int n, int k) =>
        Math.Exp(LogChoose(n, k) - n * Math.Log(2));

    internal static double LogChoose(int n, int k)
    {
        k = Math.Min(k, n - k);
        var sum = 0.0;
        for (var i = 1; i <= k; i++)
            sum += Math.Log(n - k + i) - Math.Log(i);
        return sum;
    }

    private static ConfidenceInterval Bootstrap(ReadOnlySpan<double> sorted, double median, double confidence, ulong seed, int resamples)
    {
        if (resamples < 100)
            throw new ArgumentOutOfRangeException(nameof(resamples), resamples, "a bootstrap needs at least 100 resamples");
        var random = new SplitMix64(seed);
        var medians = ArrayPool<double>.Shared.Rent(resamples);
        Span<double> draw = stackalloc double[sorted.Length];
        try
        {
            for (var b = 0; b < resamples; b++)
            {
                for (var i = 0; i < draw.Length; i++)
                    draw[i] = sorted[random.NextInt(sorted.Length)];
                draw.Sort();
                medians[b] = SampleStatistics.QuantileOfSorted(draw, 0.5);
            }
            var all = medians.AsSpan(0, resamples);
            all.Sort();
            var alpha = 1 - confidence;
            return new ConfidenceInterval(median,
                SampleStatistics.QuantileOfSorted(all, alpha / 2),
                SampleStatistics.QuantileOfSorted(all, 1 - alpha / 2),
                confidence, confidence, IntervalMethod.Bootstrap);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(medians);
        }
    }
}
