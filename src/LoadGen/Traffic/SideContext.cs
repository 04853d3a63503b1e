using System.Diagnostics;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>What every engine needs besides its spec: where its sockets live, its timeouts, and the cancellation that
/// ends it early. Also turns the ways a side can end early into one exception.</summary>
internal sealed class SideContext(TestSpec spec, NetworkScope scope, TrafficTimeouts timeouts)
{
    public TestSpec Spec { get; } = spec;
    public NetworkScope Scope { get; } = scope;
    public TrafficTimeouts Timeouts { get; } = timeouts;
    public StopSignal Stop { get; } = new();

    public SideResult Result(SideRole role, MeasurementPlan plan, WindowEdges edges) => new()
    {
        Test = Spec.Test,
        Role = role,
        Spec = Spec,
        Hostname = Environment.MachineName,
        Netns = Scope.Namespace,
        WindowSeconds = plan.WindowSeconds,
        Intervals = [],
        Cpu = edges.Account(),
    };

    /// <summary>How much earlier than this side's planned end the peer may end the test without that being a failure.
    /// The two sides start their clocks independently (one when connect() returns, the other when accept() does), so
    /// either may be first by a scheduling delay, or by a round trip in remote mode.</summary>
    public long EarlyEndTolerance => MeasurementPlan.Ticks(Math.Clamp(Spec.DurationSeconds * 0.1, 0.05, 0.5));

    /// <summary>Closes the window at its planned end, or when the workers end within <see cref="EarlyEndTolerance"/> of
    /// it (the peer closed its own window first). Anything earlier is a failure.</summary>
    public void CloseWindow(WindowEdges edges, MeasurementPlan plan, WorkerThreads workers, string what, CancellationToken cancel)
    {
        if (edges.CloseAt(plan.WindowEnd, cancel.WaitHandle, workers.AnyEnded))
            return;
        if (!cancel.IsCancellationRequested && workers.Failure is null
            && Stopwatch.GetTimestamp() >= plan.WindowEnd - EarlyEndTolerance)
        {
            edges.CloseNow();
            return;
        }
        throw Interrupted(workers, what, cancel);
    }

    /// <summary>Called when a side could not finish its window: rethrows a worker's failure if there was one,
    /// otherwise reports cancellation or the peer going away.</summary>
    public PerfSuiteException Interrupted(WorkerThreads workers, string what, CancellationToken cancel)
    {
        if (cancel.IsCancellationRequested)
            return new PerfSuiteException(ErrorReason.Failed, $"{TestKinds.Name(Spec.Test)}: stopped before the window closed");
        if (workers.Failure is PerfSuiteException p)
            return p;
        if (workers.Failure is { } e)
            return new PerfSuiteException(ErrorReason.Failed, $"{TestKinds.Name(Spec.Test)}: {what}: {e.Message}", e);
        return new PerfSuiteException(ErrorReason.Failed, $"{TestKinds.Name(Spec.Test)}: {what}");
    }
}
