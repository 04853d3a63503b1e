using System.Buffers;

namespace PerfSuite.Model.Statistics;

/// <summary>Descriptive statistics of one sample (methodology §4: median, quantiles, min, max and coefficient of
/// variation, never the mean alone). Inputs are spans and are never modified; sorting happens in a stack or
/// pooled copy, so a call allocates nothing on the managed heap.</summary>
public static class SampleStatistics
{
    /// <summary>Samples up to this size are copied to the stack for sorting; larger ones to a pooled array.</summary>
    internal const int StackLimit = 256;

    public static double Median(ReadOnlySpan<double> sample) => Quantile(sample, 0.5);

    /// <summary>The p-quantile by linear interpolation between order statistics, h = (n − 1)·p (Hyndman &amp; Fan
    /// type 7, the default of R and NumPy): the median of an even-sized sample is the mean of the middle two.</summary>
    public static double Quantile(ReadOnlySpan<double> sample, double p)
    {
        if (!(p >= 0 && p <= 1))
            throw new ArgumentOutOfRangeException(nameof(p), p, "a quantile must be between 0 and 1");
        RequireSample(sample);
        double[]? rented = null;
        var sorted = sample.Length <= StackLimit
            ? stackalloc double[sample.Length]
            : (rented = ArrayPool<double>.Shared.Rent(sample.Length)).AsSpan(0, sample.Length);
        try
        {
            sample.CopyTo(sorted);
            sorted.Sort();
            return QuantileOfSorted(sorted, p);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>Type-7 quantile of a sample that is already sorted ascending.</summary>
    public static double QuantileOfSorted(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.IsEmpty)
            throw new ArgumentException("the sample is empty", nameof(sorted));
        var h = (sorted.Length - 1) * p;
        var lower = (int)Math.Floor(h);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
    }

    public static double Min(ReadOnlySpan<double> sample)
    {
        RequireSample(sample);
        var min = sample[0];
        foreach (var x in sample)
            min = Math.Min(min, x);
        return min;
    }

    public static double Max(ReadOnlySpan<double> sample)
    {
        RequireSample(sample);
        var max = sample[0];
        foreach (var x in sample)
            max = Math.Max(max, x);
        return max;
    }

    public static double Mean(ReadOnlySpan<double> sample)
    {
        RequireSample(sample);
        var sum = 0.0;
        foreach (var x in sample)
            sum += x;
        return sum / sample.Length;
    }

    /// <summary>Sample standard deviation (divisor n − 1), two-pass so that large values with a small spread keep
    /// their precision. NaN for fewer than two values.</summary>
    public static double StandardDeviation(ReadOnlySpan<double> sample)
    {
        RequireSample(sample);
        if (sample.Length < 2)
            return double.NaN;
        var mean = Mean(sample);
        var sum = 0.0;
        foreach (var x in sample)
            sum += (x - mean) * (x - mean);
        return Math.Sqrt(sum / (sample.Length - 1));
    }

    /// <summary>Sample standard deviation over the mean. NaN for fewer than two values or a zero mean.</summary>
    public static double CoefficientOfVariation(ReadOnlySpan<double> sample)
    {
        var sd = StandardDeviation(sample);
        var mean = Mean(sample);
        return double.IsNaN(sd) || mean == 0 ? double.NaN : sd / Math.Abs(mean);
    }

    internal static void RequireSample(ReadOnlySpan<double> sample)
    {
        if (sample.IsEmpty)
            throw new ArgumentException("the sample is empty", nameof(sample));
        foreach (var x in sample)
        {
            if (!double.IsFinite(x))
                throw new ArgumentException($"the sample holds a value that is not a finite number ({x})", nameof(sample));
        }
    }
}
