using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Errors;

namespace PerfSuite.LoadGen.Agent;

/// <summary>An agent runs one test side at a time: a second prepare-receive or run-send while one runs is refused as
/// Busy, whichever connection it comes from. The last test stays here so its results can be fetched.</summary>
internal sealed class TestSlot
{
    private readonly Lock _lock = new();
    private RunningTest? _current;

    public RunningTest? Current
    {
        get
        {
            lock (_lock)
                return _current;
        }
    }

    /// <summary>Claims the slot and starts <paramref name="run"/> on a dedicated thread (it blocks on sockets for the
    /// whole test). <paramref name="prepare"/> runs first, under the claim, and may throw to give the slot back.</summary>
    public RunningTest Start<TPrepared>(SideRole role, TestSpec spec, Func<TPrepared> prepare,
        Func<TPrepared, CancellationToken, SideResult> run, Action<TPrepared> cleanup)
    {
        lock (_lock)
        {
            if (_current is { IsRunning: true } busy)
                throw new PerfSuiteException(ErrorReason.Busy,
                    $"the agent is already running the {busy.Role.ToString().ToLowerInvariant()} side of {TestKinds.Name(busy.Spec.Test)}");
            var prepared = prepare();
            var cancel = new CancellationTokenSource();
            var completion = Task.Factory.StartNew(() =>
            {
                try
                {
                    return run(prepared, cancel.Token);
                }
                catch (Exception e) when (e is not PerfSuiteException && cancel.IsCancellationRequested)
                {
                    // Stopping closes sockets under the engine's feet; what it then trips over is not the news.
                    throw new PerfSuiteException(ErrorReason.Failed, $"{TestKinds.Name(spec.Test)}: stopped", e);
                }
                finally
                {
                    cleanup(prepared);
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            var previous = _current;
            _current = new RunningTest(role, spec, completion, cancel);
            previous?.Cancel.Dispose();
            return _current;
        }
    }

    /// <summary>Cancels the running test and waits up to <paramref name="wait"/> for it to end, so that a reply to stop
    /// means the slot is free; true if a test was running.</summary>
    public bool Stop(TimeSpan wait)
    {
        var current = Current;
        if (current is not { IsRunning: true })
            return false;
        try
        {
            current.Cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        try
        {
            current.Completion.Wait(wait);
        }
        catch (AggregateException)
        {
            // The stopped test failed, as it should: its results request reports that.
        }
        return true;
    }
}
