using PerfSuite.Model.Statistics;

namespace PerfSuite.Model.Tests.Statistics;

public sealed class SampleStatisticsTests
{
    [Fact]
    public void Median_of_an_odd_sample_is_its_middle_value()
    {
        Assert.Equal(3.0, SampleStatistics.Median([5.0, 1.0, 3.0, 4.0, 2.0]));
    }

    [Fact]
    public void Median_of_an_even_sample_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(2.5, SampleStatistics.Median([4.0, 1.0, 3.0, 2.0]));
    }

    [Theory]
    // numpy.quantile([1, 2, 3, 4], q) with its default (linear, type 7)
    [InlineData(0.0, 1.0)]
    [InlineData(0.25, 1.75)]
    [InlineData(0.5, 2.5)]
    [InlineData(0.9, 3.7)]
    [InlineData(1.0, 4.0)]
    public void Quantile_interpolates_linearly_between_order_statistics(double p, double expected)
    {
        Assert.Equal(expected, SampleStatistics.Quantile([3.0, 1.0, 4.0, 2.0], p), 1e-12);
    }

    [Fact]
    public void The_input_is_not_reordered()
    {
        // Given
        double[] sample = [3.0, 1.0, 2.0];

        // When
        _ = SampleStatistics.Median(sample);
        _ = MedianInterval.Compute(sample);

        // Then
        Assert.Equal([3.0, 1.0, 2.0], sample);
    }

    [Fact]
    public void Min_and_max_are_the_extremes()
    {
        double[] sample = [2.5, -1.0, 7.0, 3.0];
        Assert.Equal(-1.0, SampleStatistics.Min(sample));
        Assert.Equal(7.0, SampleStatistics.Max(sample));
    }

    [Fact]
    public void Coefficient_of_variation_uses_the_sample_standard_deviation()
    {
        // Given 2, 4, 4, 4, 5, 5, 7, 9: mean 5, Σ(x − mean)² = 32, sample variance 32/7
        double[] sample = [2, 4, 4, 4, 5, 5, 7, 9];

        // Then
        Assert.Equal(Math.Sqrt(32.0 / 7), SampleStatistics.StandardDeviation(sample), 1e-12);
        Assert.Equal(Math.Sqrt(32.0 / 7) / 5, SampleStatistics.CoefficientOfVariation(sample), 1e-12);
    }

    [Fact]
    public void Coefficient_of_variation_keeps_its_precision_for_large_values_with_a_small_spread()
    {
        // Given goodputs around 10 Gbit/s that differ by a few bit/s (a one-pass formula loses them)
        double[] sample = [1e10 + 1, 1e10 + 2, 1e10 + 3];

        Assert.Equal(1e-10, SampleStatistics.CoefficientOfVariation(sample), 1e-14);
    }

    [Fact]
    public void Coefficient_of_variation_of_a_single_value_is_undefined()
    {
        Assert.True(double.IsNaN(SampleStatistics.CoefficientOfVariation([4.0])));
    }

    [Fact]
    public void Large_samples_are_handled_beyond_the_stack_buffer()
    {
        // Given 1001 values 0..1000 in a scrambled order
        var sample = Enumerable.Range(0, 1001).Select(i => (double)(i * 7919 % 1001)).ToArray();

        Assert.Equal(500.0, SampleStatistics.Median(sample));
        Assert.Equal(990.0, SampleStatistics.Quantile(sample, 0.99), 1e-9);
    }

    [Fact]
    public void An_empty_sample_or_a_non_finite_value_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SampleStatistics.Median([]));
        Assert.Throws<ArgumentException>(() => SampleStatistics.Median([1.0, double.NaN]));
        Assert.Throws<ArgumentException>(() => SampleStatistics.Mean([double.PositiveInfinity]));
    }
}
