namespace PerfSuite.Kernel.Proc;

/// <summary>One reading of <c>/proc/softirqs</c>: for every softirq (NET_RX, NET_TX, TIMER, ...) the count per CPU,
/// in the column order of <see cref="Cpus"/>.</summary>
public sealed record SoftirqSnapshot(IReadOnlyList<int> Cpus, IReadOnlyDictionary<string, ulong[]> Counts)
{
    public const string NetRx = "NET_RX";
    public const string NetTx = "NET_TX";

    /// <summary>The counts of one softirq per CPU; zeros when this kernel does not list it.</summary>
    public ulong[] PerCpu(string softirq) =>
        Counts.TryGetValue(softirq, out var counts) ? counts : new ulong[Cpus.Count];
}
