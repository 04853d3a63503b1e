using System.Diagnostics;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>When one side's measurement window opens and closes, in <see cref="Stopwatch"/> ticks from the moment
/// its traffic started (<see cref="Origin"/>): warm-up first, then <see cref="IntervalCount"/> timeline intervals.
/// Everything a worker counts is attributed by the timestamp at which it happened, so the window is exact to one
/// send() or recv() call and needs no coordination between threads.</summary>
public sealed class MeasurementPlan
{
    public const int Warmup = -1;
    public const int After = -2;

    private MeasurementPlan(long origin, long windowStart, long windowEnd, long intervalTicks)
    {
        Origin = origin;
        WindowStart = windowStart;
        WindowEnd = windowEnd;
        IntervalTicks = intervalTicks;
        IntervalCount = (int)((windowEnd - windowStart + intervalTicks - 1) / intervalTicks);
    }

    public long Origin { get; }
    public long WindowStart { get; }
    public long WindowEnd { get; }
    public long IntervalTicks { get; }
    public int IntervalCount { get; }

    public double WindowSeconds => Seconds(WindowEnd - WindowStart);

    public static MeasurementPlan StartingAt(long origin, TestSpec spec) =>
        StartingAt(origin, spec.WarmupSeconds, spec.DurationSeconds, spec.IntervalSeconds);

    public static MeasurementPlan StartingAt(long origin, double warmupSeconds, double durationSeconds, double intervalSeconds)
    {
        var start = origin + Ticks(warmupSeconds);
        var interval = Math.Max(1, Ticks(intervalSeconds));
        return new MeasurementPlan(origin, start, start + Math.Max(1, Ticks(durationSeconds)), interval);
    }

    /// <summary>The interval <paramref name="timestamp"/> falls in, or <see cref="Warmup"/> / <see cref="After"/>.</summary>
    public int IntervalOf(long timestamp)
    {
        if (timestamp < WindowStart)
            return Warmup;
        if (timestamp >= WindowEnd)
            return After;
        return (int)((timestamp - WindowStart) / IntervalTicks);
    }

    /// <summary>Start of interval <paramref name="index"/> relative to the window, and its length (the last one may be
    /// shorter when the duration is not a multiple of the interval).</summary>
    public (double StartSeconds, double Seconds) IntervalBounds(int index)
    {
        var start = WindowStart + index * IntervalTicks;
        var end = Math.Min(WindowEnd, start + IntervalTicks);
        return (Seconds(start - WindowStart), Seconds(end - start));
    }

    public static long Ticks(double seconds) => (long)Math.Round(seconds * Stopwatch.Frequency);

    public static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;

    /// <summary>Stopwatch ticks are nanoseconds on Linux (CLOCK_MONOTONIC); the conversion keeps other clocks right.</summary>
    public static long Nanoseconds(long ticks) =>
        Stopwatch.Frequency == 1_000_000_000 ? ticks : (long)(ticks * (1e9 / Stopwatch.Frequency));
}
