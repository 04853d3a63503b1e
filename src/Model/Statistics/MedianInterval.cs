using System.Buffers;

namespace PerfSuite.Model.Statistics;

/// <summary>A distribution-free interval for the median of one sample (methodology §4, docs/methodology.md
/// "Intervals"), labelled with the coverage it really has.</summary>
/// <remarks>
/// The interval is [X₍ⱼ₎, X₍ₙ₊₁₋ⱼ₎] with the largest j whose exact coverage 1 − 2·P(Binomial(n, ½) ≤ j − 1)
/// reaches the level asked for. It assumes only independent repetitions of a continuous quantity (ties make it
/// conservative): no normality, no resampling, no seed. Below six values no j reaches 95 %, and the interval is
/// the range [min, max] with its own, lower coverage 1 − 2^(1 − n): 75 % for 3, 87.5 % for 4, 93.75 % for 5 —
/// stated as such, never as 95 %. (The percentile bootstrap used before collapsed to that same range for n ≤ 5
/// and called it 95 %.)
/// </remarks>
public static class MedianInterval
{
    public const double DefaultConfidence = 0.95;

    public static ConfidenceInterval Compute(ReadOnlySpan<double> sample, double confidence = DefaultConfidence)
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
            // No rank reaches the level: the widest interval there is, the range, with its true coverage.
            rank = Math.Max(rank, 1);
            return new ConfidenceInterval(median, sorted[rank - 1], sorted[^rank], confidence, coverage,
                IntervalMethod.OrderStatistic, rank);
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
        var coverage = RangeCoverage(n);
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

    /// <summary>Exact probability that [min, max] of n independent values covers their median: 1 − 2^(1 − n)
    /// (0 for one value, 75 % for 3).</summary>
    public static double RangeCoverage(int n) =>
        n >= 1 ? 1 - 2 * Math.Pow(0.5, n) : throw new ArgumentOutOfRangeException(nameof(n), n, "the sample size must be positive");

    /// <summary>Exact coverage of [X₍ⱼ₎, X₍ₙ₊₁₋ⱼ₎]: 1 − 2·P(Binomial(n, ½) ≤ j − 1).</summary>
    public static double Coverage(int n, int rank)
    {
        if (n < 1 || rank < 1 || rank > (n + 1) / 2)
            throw new ArgumentOutOfRangeException(nameof(rank), rank, $"rank must be between 1 and {(n + 1) / 2} for {n} values");
        var tail = 0.0;
        for (var i = 0; i < rank; i++)
            tail += BinomialHalf(n, i);
        return Math.Max(0, 1 - 2 * tail);
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
}
