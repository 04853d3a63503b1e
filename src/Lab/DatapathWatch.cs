using PerfSuite.Kernel.Proc;
using PerfSuite.Lab.State;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab;

/// <summary>
/// The processes a lab path cannot carry traffic without (wireguard-go, the IPIP encapsulator: those the lab recorded
/// in the path's node namespaces), watched before, during and after every cell. A cell whose tunnel process died is
/// not a measurement: TCP keeps going for a while on what was in flight and retransmits, so without this it would be
/// stored as a slow success, and the next cell would wait for connections that can never come. The run's own lab and
/// a lab another process built (<c>run --lab</c>) are watched by the runner; a fleet host's half by its agent, which
/// fails the test it serves in one of its pods with the reason (<c>FleetSite.WatchOf</c>).
/// </summary>
public sealed class DatapathWatch(string path, IReadOnlyList<LabProcessRecord> processes)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public IReadOnlyList<LabProcessRecord> Processes { get; } = processes;

    /// <summary>Why the path is broken (a process it needs is gone, or exited and awaits reaping); null while all live.</summary>
    public string? Broken()
    {
        foreach (var process in Processes)
        {
            if (ProcPidStatParser.Read(process.Pid) is not { } stat || stat.StartTimeTicks != process.StartTime || stat.IsZombie)
                return $"the {path} datapath broke: {process.Description} (pid {process.Pid}) in {process.Namespace} is gone";
        }
        return null;
    }

    /// <summary>Runs one cell's measurement under the watch: a path already broken fails before it starts; one that
    /// breaks during it stops the agents (<paramref name="stopAgents"/>, which ends the test at once) and fails with
    /// the reason, not with the test's own failure (a lost connection); one broken when it ends fails too.</summary>
    public async Task<T> MeasureAsync<T>(Func<Task<T>> measure, Func<ValueTask> stopAgents, CancellationToken cancel)
    {
        if (Broken() is { } before)
            throw new PerfSuiteException(ErrorReason.Failed, before);
        using var cell = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var watching = UntilBrokenAsync(cell.Token);
        var measuring = measure();
        if (await Task.WhenAny(measuring, watching) == watching && await watching is { } during)
        {
            await stopAgents();
            await ((Task)measuring).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw new PerfSuiteException(ErrorReason.Failed, during);
        }
        var outcome = await measuring;
        await cell.CancelAsync();
        await watching;
        if (Broken() is { } after)
            throw new PerfSuiteException(ErrorReason.Failed, after);
        return outcome;
    }

    /// <summary>Completes with <see cref="Broken"/>'s reason as soon as one of the processes ends; never while they all
    /// run, until <paramref name="cancel"/> (then null).</summary>
    public async Task<string?> UntilBrokenAsync(CancellationToken cancel)
    {
        if (Processes.Count == 0)
            return null;
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (true)
            {
                if (Broken() is { } reason)
                    return reason;
                await timer.WaitForNextTickAsync(cancel);
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
