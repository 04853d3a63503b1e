namespace PerfSuite.Probe.Facts;

/// <summary>/proc/net/softnet_stat summed over CPUs: packets processed, packets dropped because the per-CPU input
/// backlog (net.core.netdev_max_backlog) was full, and times the receive softirq ran out of budget or time.</summary>
public sealed record SoftnetCounters(long Processed, long Dropped, long TimeSqueezed);
