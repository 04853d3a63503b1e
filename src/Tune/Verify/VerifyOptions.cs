using PerfSuite.Model.Errors;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Tune.Verify;

/// <summary>How a change is judged: <see cref="RepetitionsPerSide"/> samples of the path without and with it,
/// interleaved; it is kept when the Mann-Whitney test gives p &lt; <see cref="Alpha"/> and the whole 1 − α
/// Hodges-Lehmann interval of the after/before ratio lies on the better side of 1 (methodology §4).</summary>
public sealed record VerifyOptions(string Path, int RepetitionsPerSide = 5, double Alpha = 0.05)
{
    public void Validate()
    {
        if (!(Alpha > 0 && Alpha < 1))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"alpha must be between 0 and 1, not {Alpha}");
        var needed = PowerAnalysis.RepetitionsToReachAlpha(Alpha);
        if (RepetitionsPerSide < needed)
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"{RepetitionsPerSide} repetitions per side can never give p < {Alpha} (the smallest Mann-Whitney p with {RepetitionsPerSide} is {PowerAnalysis.SmallestPValue(RepetitionsPerSide):0.###}); use at least {needed}");
    }
}
