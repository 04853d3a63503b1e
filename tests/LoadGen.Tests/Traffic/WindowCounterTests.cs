using System.Diagnostics;
using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.LoadGen.Tests.Traffic;

public sealed class WindowCounterTests
{
    [Fact]
    public void Counts_are_attributed_by_timestamp_to_warm_up_intervals_and_after()
    {
        // Given a plan from t=0: 1 s warm-up, 0.5 s window in 0.2 s intervals (the last one 0.1 s)
        var plan = MeasurementPlan.StartingAt(0, warmupSeconds: 1, durationSeconds: 0.5, intervalSeconds: 0.2);
        var counter = new WindowCounter(plan);
        long At(double seconds) => MeasurementPlan.Ticks(seconds);

        // When
        Assert.True(counter.Add(At(0.5), 100, 1));
        Assert.True(counter.Add(At(1.0), 10, 1));      // the window's first tick
        Assert.True(counter.Add(At(1.25), 20, 1));
        Assert.True(counter.Add(At(1.4999), 30, 1));
        Assert.False(counter.Add(At(1.5), 1000, 1));    // the window's end is outside it

        // Then
        Assert.Equal(3, plan.IntervalCount);
        Assert.Equal(100, counter.WarmupBytes);
        Assert.Equal(60, counter.WindowBytes);
        Assert.Equal(3, counter.WindowOperations);
        Assert.Equal(1000, counter.AfterBytes);
        var timeline = WindowCounter.Timeline(plan, [counter, counter]);
        Assert.Equal([20L, 40, 60], timeline.Select(i => i.Bytes));
        Assert.Equal(0.1, timeline[2].Seconds, 9);
        Assert.Equal(0.4, timeline[2].StartSeconds, 9);
        Assert.Equal(60 * 8 / 0.1, timeline[2].BitsPerSecond, 6);
    }

    [Fact]
    public void Counting_does_not_allocate()
    {
        var plan = MeasurementPlan.StartingAt(Stopwatch.GetTimestamp(), 0, 10, 0.1);
        var counter = new WindowCounter(plan);
        counter.Add(Stopwatch.GetTimestamp(), 1, 1);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100_000; i++)
            counter.Add(Stopwatch.GetTimestamp(), 1500, 1);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }
}
