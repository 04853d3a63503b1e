namespace PerfSuite.LoadGen.Traffic;

/// <summary>Turns per-worker counters and histograms of a transaction test into its metrics.</summary>
internal static class TransactionWindow
{
    public static TransactionMetrics Metrics(MeasurementPlan plan, WindowCounter[] counters, LatencyHistogram[] histograms)
    {
        var merged = new LatencyHistogram();
        foreach (var h in histograms)
            merged.Add(h);
        var transactions = counters.Sum(c => c.WindowOperations);
        return new TransactionMetrics(transactions, transactions / plan.WindowSeconds, merged.Summary(), merged.Snapshot());
    }

    public static TransactionMetrics Counted(MeasurementPlan plan, WindowCounter[] counters)
    {
        var transactions = counters.Sum(c => c.WindowOperations);
        var empty = new LatencyHistogram();
        return new TransactionMetrics(transactions, transactions / plan.WindowSeconds, empty.Summary(), empty.Snapshot());
    }
}
