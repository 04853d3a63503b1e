namespace PerfSuite.LoadGen.Traffic;

/// <summary>One timeline interval of a window: bytes and operations (transactions, datagrams) that completed in it.</summary>
public sealed record IntervalSample(double StartSeconds, double Seconds, long Bytes, long Operations)
{
    public double BitsPerSecond => Seconds > 0 ? Bytes * 8 / Seconds : 0;
    public double OperationsPerSecond => Seconds > 0 ? Operations / Seconds : 0;
}
