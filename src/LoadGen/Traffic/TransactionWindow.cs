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

    public static GoodputMetrics Goodput(MeasurementPlan plan, WindowCounter[] counters)
    {
        var window = counters.Sum(c => c.WindowBytes);
        var warmup = counters.Sum(c => c.WarmupBytes);
        return new GoodputMetrics(window, warmup, window + warmup + counters.Sum(c => c.AfterBytes), window * 8 / plan.WindowSeconds);
    }
}
