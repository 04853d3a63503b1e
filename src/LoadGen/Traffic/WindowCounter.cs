namespace PerfSuite.LoadGen.Traffic;

/// <summary>Bytes and operations one worker thread completed, bucketed by <see cref="MeasurementPlan"/>. Owned by a
/// single thread while traffic runs and read after it has stopped, so it needs no synchronisation.</summary>
public sealed class WindowCounter
{
    private readonly MeasurementPlan _plan;
    private readonly long[] _bytes;
    private readonly long[] _operations;

    public WindowCounter(MeasurementPlan plan)
    {
        _plan = plan;
        _bytes = new long[plan.IntervalCount];
        _operations = new long[plan.IntervalCount];
    }

    public long WarmupBytes { get; private set; }
    public long AfterBytes { get; private set; }
    public long WarmupOperations { get; private set; }
    public long AfterOperations { get; private set; }

    /// <summary>Counts <paramref name="bytes"/> and <paramref name="operations"/> completed at <paramref name="timestamp"/>;
    /// returns false once the window has closed.</summary>
    public bool Add(long timestamp, long bytes, long operations)
    {
        var index = _plan.IntervalOf(timestamp);
        switch (index)
        {
            case MeasurementPlan.Warmup:
                WarmupBytes += bytes;
                WarmupOperations += operations;
                return true;
            case MeasurementPlan.After:
                AfterBytes += bytes;
                AfterOperations += operations;
                return false;
            default:
                _bytes[index] += bytes;
                _operations[index] += operations;
                return true;
        }
    }

    public long WindowBytes => Sum(_bytes);
    public long WindowOperations => Sum(_operations);

    /// <summary>The payload bytes of several workers: in the window, in the warm-up, in total, and the window's rate.</summary>
    public static GoodputMetrics Goodput(MeasurementPlan plan, WindowCounter[] counters)
    {
        var window = counters.Sum(c => c.WindowBytes);
        var warmup = counters.Sum(c => c.WarmupBytes);
        return new GoodputMetrics(window, warmup, window + warmup + counters.Sum(c => c.AfterBytes), window * 8 / plan.WindowSeconds);
    }

    /// <summary>The timeline of several workers added interval by interval.</summary>
    public static IReadOnlyList<IntervalSample> Timeline(MeasurementPlan plan, IEnumerable<WindowCounter> counters)
    {
        var all = counters.ToList();
        var samples = new IntervalSample[plan.IntervalCount];
        for (var i = 0; i < samples.Length; i++)
        {
            long bytes = 0, operations = 0;
            foreach (var c in all)
            {
                bytes += c._bytes[i];
                operations += c._operations[i];
            }
            var (start, seconds) = plan.IntervalBounds(i);
            samples[i] = new IntervalSample(start, seconds, bytes, operations);
        }
        return samples;
    }

    private static long Sum(long[] values)
    {
        long sum = 0;
        foreach (var v in values)
            sum += v;
        return sum;
    }
}
