namespace PerfSuite.LoadGen.Traffic;

/// <summary>tcp-rr and tcp-crr: transactions that completed in the window, and their latency. A tcp-crr transaction
/// is connect, request, response and close. <see cref="Histogram"/> lets repetitions be merged; never average
/// their percentiles.</summary>
public sealed record TransactionMetrics(long Transactions, double TransactionsPerSecond, LatencySummary LatencyUs,
    HistogramSnapshot Histogram);
