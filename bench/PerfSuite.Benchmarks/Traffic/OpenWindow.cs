using System.Diagnostics;
using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.Benchmarks.Traffic;

/// <summary>A measurement plan whose window opens at once and stays open for a day, so that every operation of a
/// benchmark is counted inside the window, as the engine counts the steady state of a test.</summary>
public static class OpenWindow
{
    public static MeasurementPlan Plan() =>
        MeasurementPlan.StartingAt(Stopwatch.GetTimestamp(), warmupSeconds: 0, durationSeconds: 86_400, intervalSeconds: 86_400);
}
