namespace PerfSuite.Benchmarks;

/// <summary>How many payload bytes one operation of the benchmark moves; <see cref="GoodputColumn"/> turns it and
/// the mean time into Gbit/s.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BytesPerOperationAttribute(long bytes) : Attribute
{
    public long Bytes { get; } = bytes;
}
