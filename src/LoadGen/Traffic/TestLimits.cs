namespace PerfSuite.LoadGen.Traffic;

/// <summary>What an agent accepts in a <see cref="TestSpec"/>: a remote agent must not be talked into an
/// hour-long test or a gigabyte buffer (issue 8, "Security").</summary>
public sealed record TestLimits
{
    public static TestLimits Default { get; } = new();

    public double MaxDurationSeconds { get; init; } = 600;
    public double MaxWarmupSeconds { get; init; } = 60;
    public int MaxStreams { get; init; } = 128;
    public int MaxMessageBytes { get; init; } = 16 << 20;
    public int MaxTransactionBytes { get; init; } = 1 << 20;
    public int MaxSocketBufferBytes { get; init; } = 256 << 20;
    public double MinIntervalSeconds { get; init; } = 0.01;
}
