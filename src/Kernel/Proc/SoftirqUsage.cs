namespace PerfSuite.Kernel.Proc;

/// <summary>NET_RX and NET_TX softirqs raised over a window, per CPU and in total, from two
/// <c>/proc/softirqs</c> readings taken at its edges.</summary>
public sealed record SoftirqUsage(
    double WindowSeconds,
    IReadOnlyList<int> Cpus,
    ulong NetRx,
    ulong NetTx,
    IReadOnlyList<ulong> NetRxPerCpu,
    IReadOnlyList<ulong> NetTxPerCpu)
{
    public double NetRxPerSecond => NetRx / WindowSeconds;
    public double NetTxPerSecond => NetTx / WindowSeconds;

    public static SoftirqUsage Between(SoftirqSnapshot start, SoftirqSnapshot end, double windowSeconds)
    {
        var rx = Delta(start, end, SoftirqSnapshot.NetRx);
        var tx = Delta(start, end, SoftirqSnapshot.NetTx);
        return new SoftirqUsage(windowSeconds, end.Cpus, Sum(rx), Sum(tx), rx, tx);
    }

    private static ulong[] Delta(SoftirqSnapshot start, SoftirqSnapshot end, string softirq)
    {
        var before = start.PerCpu(softirq);
        var after = end.PerCpu(softirq);
        var columnOf = new Dictionary<int, int>();
        for (var i = 0; i < start.Cpus.Count; i++)
            columnOf[start.Cpus[i]] = i;
        var delta = new ulong[end.Cpus.Count];
        for (var i = 0; i < end.Cpus.Count; i++)
        {
            if (columnOf.TryGetValue(end.Cpus[i], out var j) && after[i] >= before[j])
                delta[i] = after[i] - before[j];
        }
        return delta;
    }

    private static ulong Sum(ulong[] values)
    {
        ulong sum = 0;
        foreach (var v in values)
            sum += v;
        return sum;
    }
}
