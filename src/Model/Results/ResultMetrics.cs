namespace PerfSuite.Model.Results;

/// <summary>Every scalar metric of <see cref="CellMetrics"/> that summaries and gates work on.</summary>
public static class ResultMetrics
{
    private const MetricDirection Higher = MetricDirection.HigherIsBetter;
    private const MetricDirection Lower = MetricDirection.LowerIsBetter;

    public static readonly ResultMetric GoodputBps = new("goodputBps", "bit/s", Higher, c => c.Metrics?.GoodputBps, ["goodput"]);
    public static readonly ResultMetric BusyCores = new("busyCores", "cores", Lower, c => c.Metrics?.BusyCores, []);
    public static readonly ResultMetric CoreSecondsPerGbit = new("coreSecondsPerGbit", "core·s/Gbit", Lower,
        c => c.Metrics?.CoreSecondsPerGbit, ["cpu-per-gbit", "cpu"]);
    public static readonly ResultMetric CoreSecondsPerMillionTransactions = new("coreSecondsPerMillionTransactions",
        "core·s/Mtx", Lower, c => c.Metrics?.CoreSecondsPerMillionTransactions, ["cpu-per-mtx"]);
    public static readonly ResultMetric TransactionsPerSecond = new("transactionsPerSecond", "tx/s", Higher,
        c => c.Metrics?.TransactionsPerSecond, ["tps", "transactions"]);
    public static readonly ResultMetric ConnectionsPerSecond = new("connectionsPerSecond", "conn/s", Higher,
        c => c.Metrics?.ConnectionsPerSecond, ["cps", "connections"]);
    public static readonly ResultMetric LatencyP50 = new("latencyUs.p50", "µs", Lower, c => c.Metrics?.LatencyUs?.P50, ["p50"]);
    public static readonly ResultMetric LatencyP90 = new("latencyUs.p90", "µs", Lower, c => c.Metrics?.LatencyUs?.P90, ["p90"]);
    public static readonly ResultMetric LatencyP99 = new("latencyUs.p99", "µs", Lower, c => c.Metrics?.LatencyUs?.P99, ["p99"]);
    public static readonly ResultMetric LatencyP999 = new("latencyUs.p99_9", "µs", Lower, c => c.Metrics?.LatencyUs?.P999, ["p99.9", "p999"]);
    public static readonly ResultMetric Retransmits = new("retransmits", "segments", Lower, c => c.Metrics?.Retransmits, []);
    public static readonly ResultMetric TcpEfficiencyPercent = new("tcpEfficiencyPercent", "%", Higher,
        c => c.Metrics?.TcpEfficiencyPercent, ["tcp-efficiency"]);
    public static readonly ResultMetric RttUs = new("rttUs", "µs", Lower, c => c.Metrics?.RttUs, ["rtt"]);
    public static readonly ResultMetric UdpLossPercent = new("udp.lossPercent", "%", Lower, c => c.Metrics?.Udp?.LossPercent, ["loss"]);
    public static readonly ResultMetric UdpJitterUs = new("udp.jitterUs", "µs", Lower, c => c.Metrics?.Udp?.JitterUs, ["jitter"]);
    public static readonly ResultMetric Efficiency = new("efficiency", "fraction of ceiling", Higher, c => c.Efficiency, []);

    public static IReadOnlyList<ResultMetric> All { get; } =
    [
        GoodputBps, BusyCores, CoreSecondsPerGbit, CoreSecondsPerMillionTransactions, TransactionsPerSecond,
        ConnectionsPerSecond, LatencyP50, LatencyP90, LatencyP99, LatencyP999, Retransmits, TcpEfficiencyPercent,
        RttUs, UdpLossPercent, UdpJitterUs, Efficiency,
    ];

    /// <summary>Finds a metric by name or alias, ignoring case.</summary>
    public static bool TryFind(string name, out ResultMetric metric)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase)
                || candidate.Aliases.Any(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase)))
            {
                metric = candidate;
                return true;
            }
        }
        metric = GoodputBps;
        return false;
    }
}
