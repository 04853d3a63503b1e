using System.Diagnostics;
using PerfSuite.Kernel.Proc;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Errors;

namespace PerfSuite.EngineComparison;

/// <summary>CPU over one measurement window: <c>/proc/stat</c> (the whole node) and <c>/proc/PID/stat</c> of the tool's
/// own processes, read at <c>start + warm-up</c> and at <c>start + warm-up + duration</c> on a thread of its own, so
/// that the reads happen on time whatever the tool under test is doing. Every tool is measured this same way, from
/// the moment it is told to send.</summary>
public static class WindowCpuSampler
{
    public static Task<WindowCpu> MeasureAsync(long startTimestamp, double warmupSeconds, double durationSeconds, IReadOnlyList<int> pids)
    {
        var result = new TaskCompletionSource<WindowCpu>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                var sampler = new ProcStatSampler();
                var open = startTimestamp + MeasurementPlan.Ticks(warmupSeconds);
                SleepUntil(open);
                var first = sampler.Sample();
                var processesBefore = ProcessTicks(pids);
                SleepUntil(open + MeasurementPlan.Ticks(durationSeconds));
                var second = sampler.Sample();
                var processesAfter = ProcessTicks(pids);
                var node = HostCpuWindow.Between(first, second, ClockTicks.PerSecond);
                double? processCores = processesBefore is { } before && processesAfter is { } after
                    ? (after - before) / (double)ClockTicks.PerSecond / node.Cpu.WindowSeconds
                    : null;
                result.SetResult(new WindowCpu(node, processCores));
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "window cpu",
        };
        thread.Start();
        return result.Task;
    }

    /// <summary>User + system ticks of all <paramref name="pids"/>; null when one has already exited.</summary>
    private static ulong? ProcessTicks(IReadOnlyList<int> pids)
    {
        ulong total = 0;
        foreach (var pid in pids)
        {
            try
            {
                total += ProcStatSampler.ReadProcess(pid).TotalTicks;
            }
            catch (PerfSuiteException e) when (e.Reason == ErrorReason.NotFound)
            {
                return null;
            }
        }
        return total;
    }

    private static void SleepUntil(long timestamp)
    {
        while (true)
        {
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
            if (left <= TimeSpan.Zero)
                return;
            Thread.Sleep(left > TimeSpan.FromMilliseconds(2) ? left - TimeSpan.FromMilliseconds(1) : TimeSpan.Zero);
        }
    }
}
