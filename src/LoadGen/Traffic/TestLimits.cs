namespace PerfSuite.LoadGen.Traffic;

/// <summary>What an agent accepts in a <see cref="TestSpec"/>: a remote agent must not be talked into an
/// hour-long test or a gigabyte buffer (issue 8, "Security"). Positional, so that a hello reply from an agent with
/// fewer fields still reads with defaults.</summary>
public sealed record TestLimits(
    double MaxDurationSeconds = 600,
    double MaxWarmupSeconds = 60,
    int MaxStreams = 128,
    int MaxMessageBytes = 16 << 20,
    int MaxTransactionBytes = 1 << 20,
    int MaxSocketBufferBytes = 256 << 20,
    double MinIntervalSeconds = 0.01)
{
    public static TestLimits Default { get; } = new();
}
