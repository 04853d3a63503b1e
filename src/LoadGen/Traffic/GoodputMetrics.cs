namespace PerfSuite.LoadGen.Traffic;

/// <summary>Payload bytes one side moved: in the window (the measurement), in the warm-up and in total.</summary>
public sealed record GoodputMetrics(long WindowBytes, long WarmupBytes, long TotalBytes, double GoodputBps);
