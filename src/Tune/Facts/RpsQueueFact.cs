namespace PerfSuite.Tune.Facts;

/// <summary>The RPS CPU mask of one receive queue, as /sys/class/net/IF/queues/rx-N/rps_cpus prints it
/// (hexadecimal, 32-bit groups separated by commas; 0 = RPS off).</summary>
public sealed record RpsQueueFact(string Interface, string Queue, string Mask)
{
    public bool IsOff => RpsMask.IsZero(Mask);
}
