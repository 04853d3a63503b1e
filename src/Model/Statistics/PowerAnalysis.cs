namespace PerfSuite.Model.Statistics;

/// <summary>How many repetitions a comparison needs (methodology §4): the floor set by the exact Mann–Whitney
/// distribution, and the minimum detectable effect for a given noise level.</summary>
public static class PowerAnalysis
{
    public const double DefaultPower = 0.8;

    /// <summary>Smallest two-sided Mann–Whitney p-value with n repetitions on each side: 2 / C(2n, n).
    /// n = 3 → 0.10, n = 4 → 0.029, n = 5 → 0.0079.</summary>
    public static double SmallestPValue(int repetitionsPerSide) =>
        MannWhitneyDistribution.SmallestTwoSidedPValue(repetitionsPerSide, repetitionsPerSide);

    /// <summary>The fewest repetitions per side with which p &lt; α is possible at all (α = 0.05 → 4,
    /// α = 0.01 → 5).</summary>
    public static int RepetitionsToReachAlpha(double alpha)
    {
        if (!(alpha > 0 && alpha < 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be between 0 and 1");
        var n = 1;
        while (SmallestPValue(n) >= alpha)
            n++;
        return n;
    }

    /// <summary>Minimum detectable relative effect ≈ (z₁₋α/₂ + z₁₋β)·√2·CV/√n: the smallest change a two-sided test at
    /// level α finds with the given power, n repetitions a side and coefficient of variation CV (both as
    /// fractions). α = 0.05, power 0.8, CV 3 %, n = 10 → 3.8 %.</summary>
    public static double MinimumDetectableEffect(double coefficientOfVariation, int repetitionsPerSide,
        double alpha = 0.05, double power = DefaultPower)
    {
        if (repetitionsPerSide < 1)
            throw new ArgumentOutOfRangeException(nameof(repetitionsPerSide), repetitionsPerSide, "at least one repetition is needed");
        return ZSum(alpha, power) * Math.Sqrt(2) * RequireCv(coefficientOfVariation) / Math.Sqrt(repetitionsPerSide);
    }

    /// <summary>Repetitions per side for the minimum detectable effect to fall to <paramref name="effect"/>: the
    /// formula above solved for n, rounded up. It is a normal approximation; combine it with
    /// <see cref="RepetitionsToReachAlpha"/>, below which no test can succeed whatever the noise.</summary>
    public static int RequiredRepetitions(double effect, double coefficientOfVariation, double alpha = 0.05, double power = DefaultPower)
    {
        if (!(effect > 0) || double.IsInfinity(effect))
            throw new ArgumentOutOfRangeException(nameof(effect), effect, "the effect must be a positive fraction");
        var root = ZSum(alpha, power) * Math.Sqrt(2) * RequireCv(coefficientOfVariation) / effect;
        var n = Math.Ceiling(root * root - 1e-9);
        return n >= int.MaxValue ? int.MaxValue : Math.Max(1, (int)n);
    }

    private static double ZSum(double alpha, double power)
    {
        if (!(alpha > 0 && alpha < 1))
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be between 0 and 1");
        if (!(power > 0 && power < 1))
            throw new ArgumentOutOfRangeException(nameof(power), power, "the power must be between 0 and 1");
        return NormalDistribution.Quantile(1 - alpha / 2) + NormalDistribution.Quantile(power);
    }

    private static double RequireCv(double cv) =>
        cv >= 0 && double.IsFinite(cv) ? cv : throw new ArgumentOutOfRangeException(nameof(cv), cv, "the coefficient of variation must be a finite fraction ≥ 0");
}
