using PerfSuite.LoadGen.Traffic;

namespace PerfSuite.LoadGen.Agent;

/// <summary>The side of a test an agent is running or ran last.</summary>
internal sealed class RunningTest(SideRole role, TestSpec spec, Task<SideResult> completion, CancellationTokenSource cancel)
{
    public SideRole Role { get; } = role;
    public TestSpec Spec { get; } = spec;
    public Task<SideResult> Completion { get; } = completion;
    public CancellationTokenSource Cancel { get; } = cancel;
    public bool IsRunning => !Completion.IsCompleted;

    /// <summary>When the agent started this side (<see cref="System.Diagnostics.Stopwatch"/> ticks): its traffic began no earlier.</summary>
    public long StartedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();
}
