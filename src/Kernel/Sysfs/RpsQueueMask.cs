namespace PerfSuite.Kernel.Sysfs;

/// <summary>The RPS CPU mask of one receive queue as rps_cpus prints it (0: RPS off).</summary>
public sealed record RpsQueueMask(string Interface, string Queue, string Mask)
{
    public bool IsOff => RpsMask.IsZero(Mask);
}
