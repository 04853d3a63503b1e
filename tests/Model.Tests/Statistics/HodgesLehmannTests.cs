using PerfSuite.Model.Statistics;

namespace PerfSuite.Model.Tests.Statistics;

public sealed class HodgesLehmannTests
{
    [Fact]
    public void Shift_is_the_median_of_all_pairwise_differences()
    {
        // Given A = 1 2 3, B = 4 6 8: differences 1 2 3 3 4 5 5 6 7
        var interval = HodgesLehmann.Shift([1.0, 2.0, 3.0], [4.0, 6.0, 8.0], confidence: 0.9);

        // Then the estimate is 4; with 3 a side the widest interval [1, 7] covers exactly 1 − 2/20 = 90 %
        Assert.Equal(4.0, interval.Estimate);
        Assert.Equal(1.0, interval.Lower);
        Assert.Equal(7.0, interval.Upper);
        Assert.Equal(0.9, interval.Coverage, 1e-15);
        Assert.True(interval.ReachesLevel);
    }

    [Fact]
    public void A_level_beyond_reach_is_reported_as_not_reached()
    {
        var interval = HodgesLehmann.Shift([1.0, 2.0, 3.0], [4.0, 6.0, 8.0], confidence: 0.99);

        Assert.False(interval.ReachesLevel);
        Assert.Equal(0.9, interval.Coverage, 1e-15);
    }

    [Fact]
    public void Ratio_of_a_sample_scaled_by_two_is_two()
    {
        // Given B = 2·A: the ratios bⱼ/aᵢ are 2 4 8 1 2 4 ½ 1 2
        var interval = HodgesLehmann.Ratio([10.0, 20.0, 40.0], [20.0, 40.0, 80.0], confidence: 0.9);

        Assert.Equal(2.0, interval.Estimate, 1e-12);
        Assert.Equal(0.5, interval.Lower, 1e-12);
        Assert.Equal(8.0, interval.Upper, 1e-12);
    }

    [Fact]
    public void Ratio_uses_the_exact_moses_rank_for_ten_a_side()
    {
        // Given 10 a side at 99 %: the critical count is 16 + 1 (U ≤ 16 rejects at α = 0.01), so the interval runs
        // from the 17th smallest to the 17th largest of the 100 ratios
        var a = Enumerable.Range(1, 10).Select(i => 100.0 + i).ToArray();
        var b = Enumerable.Range(1, 10).Select(i => 90.0 + i * 1.1).ToArray();
        var ratios = a.SelectMany(x => b.Select(y => y / x)).Order().ToArray();

        // When
        var interval = HodgesLehmann.Ratio(a, b, confidence: 0.99);

        // Then
        Assert.Equal(IntervalMethod.MannWhitneyExact, interval.Method);
        Assert.Equal(ratios[16], interval.Lower, 1e-12);
        Assert.Equal(ratios[^17], interval.Upper, 1e-12);
        Assert.Equal((ratios[49] * ratios[50]), interval.Estimate * interval.Estimate, 1e-9);
    }

    [Fact]
    public void Ratio_interval_covers_the_true_ratio_as_often_as_it_promises()
    {
        // Given 2000 pairs of log-normal samples (CV ≈ 5 %), 8 a side, B truly 0.9 × A, drawn with a fixed seed
        var random = new SplitMix64(2024);
        const int trials = 2000;
        var covered = 0;
        double coverage = 0;
        var a = new double[8];
        var b = new double[8];

        // When
        for (var t = 0; t < trials; t++)
        {
            for (var i = 0; i < 8; i++)
            {
                a[i] = 1e10 * Math.Exp(0.05 * Gaussian(random));
                b[i] = 0.9e10 * Math.Exp(0.05 * Gaussian(random));
            }
            var interval = HodgesLehmann.Ratio(a, b, 0.95);
            coverage = interval.Coverage;
            if (interval.Contains(0.9))
                covered++;
        }

        // Then the observed coverage is within four standard errors of the exact one
        var standardError = Math.Sqrt(coverage * (1 - coverage) / trials);
        Assert.InRange((double)covered / trials, coverage - 4 * standardError, coverage + 4 * standardError);
    }

    [Fact]
    public void The_interval_excludes_one_exactly_when_the_test_rejects()
    {
        // Given many random pairs of samples with and without a difference
        var random = new SplitMix64(99);
        for (var t = 0; t < 300; t++)
        {
            var n = 4 + random.NextInt(9);
            var factor = 1 + random.NextInt(5) * 0.02;
            var a = Enumerable.Range(0, n).Select(_ => 100 * Math.Exp(0.03 * Gaussian(random))).ToArray();
            var b = Enumerable.Range(0, n).Select(_ => factor * 100 * Math.Exp(0.03 * Gaussian(random))).ToArray();

            // When
            var p = MannWhitneyTest.Compute(a, b).PValue;
            var interval = HodgesLehmann.Ratio(a, b, 1 - 0.05);

            // Then the two agree (no ties: continuous values)
            Assert.Equal(p <= 0.05, !interval.Contains(1.0));
        }
    }

    [Fact]
    public void Large_samples_use_the_normal_critical_value()
    {
        var random = new SplitMix64(5);
        var a = Enumerable.Range(0, 60).Select(_ => 50 + Gaussian(random)).ToArray();
        var b = Enumerable.Range(0, 60).Select(_ => 52 + Gaussian(random)).ToArray();

        var interval = HodgesLehmann.Shift(a, b);

        Assert.Equal(IntervalMethod.MannWhitneyNormal, interval.Method);
        Assert.True(interval.Lower < interval.Estimate && interval.Estimate < interval.Upper);
        Assert.InRange(interval.Estimate, 1.0, 3.0);
    }

    [Fact]
    public void A_ratio_of_non_positive_values_is_refused()
    {
        Assert.Throws<ArgumentException>(() => HodgesLehmann.Ratio([1.0, 0.0], [1.0, 2.0]));
    }

    internal static double Gaussian(SplitMix64 random)
    {
        // Box–Muller; 1 − u keeps the logarithm finite.
        var u1 = 1 - (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));
        var u2 = (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
