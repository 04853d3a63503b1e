using PerfSuite.Kernel.Proc;
using PerfSuite.Lab.State;

namespace PerfSuite.Runner.Testbeds.Lab;

/// <summary>
/// The processes a lab path cannot carry traffic without (wireguard-go, the IPIP encapsulator: those the lab recorded
/// in the path's node namespaces), watched before, during and after every cell. A cell whose tunnel process died is
/// not a measurement: TCP keeps going for a while on what was in flight and retransmits, so without this it would be
/// stored as a slow success, and the next cell would wait for connections that can never come.
/// </summary>
internal sealed class DatapathWatch(string path, IReadOnlyList<LabProcessRecord> processes)
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
