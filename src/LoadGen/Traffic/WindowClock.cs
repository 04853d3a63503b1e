using System.Diagnostics;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>Sleeping until a <see cref="Stopwatch"/> timestamp. The coordinator's sleeps only decide when a window edge
/// is read; the edge's own timestamp is what the window is computed from, so a late wake-up costs nothing but a
/// slightly longer CPU window.</summary>
internal static class WindowClock
{
    /// <summary>Returns false when <paramref name="interrupt"/> fired first.</summary>
    public static bool SleepUntil(long timestamp, params WaitHandle[] interrupt)
    {
        while (true)
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
            if (left <= TimeSpan.Zero)
                return true;
            if (interrupt.Length > 0 && WaitHandle.WaitAny(interrupt, left) != WaitHandle.WaitTimeout)
                return false;
            if (interrupt.Length == 0)
                Thread.Sleep(left);
        }
    }

    public static long After(TimeSpan span) => Stopwatch.GetTimestamp() + MeasurementPlan.Ticks(span.TotalSeconds);
}
