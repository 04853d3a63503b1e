using PerfSuite.Kernel.Proc;
using PerfSuite.Lab.State;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab;

/// <summary>
/// What a lab path cannot carry traffic without, watched before, during and after every cell: the processes the lab
/// recorded in the path's node namespaces (wireguard-go, the IPIP encapsulator), the path's devices
/// (<see cref="DatapathDevices"/>: still there, up, with their carrier) and, during a cell, the stream itself
/// (<see cref="StreamStallRule"/>: packets keep arriving in the pods). A cell whose path broke is not a measurement:
/// TCP keeps going for a while on what was in flight and retransmits, so without this it would be stored as a slow
/// success, and the next cell would wait for connections that can never come. The run's own lab and a lab another
/// process built (<c>run --lab</c>) are watched by the runner; a fleet host's half by its agent, which fails the test
/// it serves in one of its pods with the reason (<c>FleetSite.WatchOf</c>).
/// </summary>
public sealed class DatapathWatch(string path, IReadOnlyList<LabProcessRecord> processes, DatapathDevices? devices = null)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a device found gone waits for a recorded process to be seen gone too: a tunnel process's
    /// device (wireguard-go's TUN) goes when the dying process closes its files, just before it becomes a zombie, and
    /// then the process is the cause to name.</summary>
    private static readonly TimeSpan ProcessExitGrace = TimeSpan.FromMilliseconds(300);

    public IReadOnlyList<LabProcessRecord> Processes { get; } = processes;

    public DatapathDevices? Devices { get; } = devices;

    /// <summary>Why the path is broken (a process it needs is gone or exited and awaits reaping, a device it needs is
    /// gone or down); null while all live.</summary>
    public string? Broken() => BrokenProcess() ?? Devices?.Broken(path);

    /// <summary><see cref="Broken"/>, naming the process rather than its device when a dying tunnel process has taken
    /// its device with it and is not yet seen gone (<see cref="ProcessExitGrace"/>).</summary>
    public Task<string?> BrokenAsync() => SettledAsync(Broken());

    /// <summary>Runs one cell's measurement under the watch: a path already broken fails before it starts; one that
    /// breaks during it — or whose <paramref name="stream"/> stalls — stops the agents (<paramref name="stopAgents"/>,
    /// which ends the test at once) and fails with the reason, not with the test's own failure (a lost connection);
    /// one broken when it ends fails too.</summary>
    public async Task<T> MeasureAsync<T>(Func<Task<T>> measure, Func<ValueTask> stopAgents, CancellationToken cancel,
        StreamExpectation? stream = null)
    {
        if (await BrokenAsync() is { } before)
            throw new PerfSuiteException(ErrorReason.Failed, before);
        using var readers = Devices is null && stream is null ? null : new DatapathDevices.Readers(
            (Devices?.Namespaces ?? []).Concat(stream?.Streams.Select(s => s.Namespace) ?? []).Distinct(StringComparer.Ordinal));
        using var cell = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var watching = UntilBrokenAsync(readers, stream, cell.Token);
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
        if (await BrokenAsync() is { } after)
            throw new PerfSuiteException(ErrorReason.Failed, after);
        return outcome;
    }

    /// <summary>Completes with <see cref="Broken"/>'s reason as soon as one of the processes ends or a device goes; never
    /// while they all run, until <paramref name="cancel"/> (then null).</summary>
    public Task<string?> UntilBrokenAsync(CancellationToken cancel) => UntilBrokenAsync(null, null, cancel);

    private async Task<string?> UntilBrokenAsync(DatapathDevices.Readers? readers, StreamExpectation? stream, CancellationToken cancel)
    {
        if (Processes.Count == 0 && (Devices is null || Devices.Count == 0) && stream is null)
            return null;
        var rules = stream?.Streams.Select(s => (Stream: s, Rule: new StreamStallRule(stream.Traffic, startedAgo: stream.StartedAgo))).ToList() ?? [];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var timer = new PeriodicTimer(PollInterval);
        try
        {
            while (true)
            {
                readers?.Poll();
                if ((BrokenProcess() ?? await SettledAsync(BrokenDevice(readers)) ?? Stalled(readers, rules, clock.Elapsed)) is { } reason)
                    return reason;
                await timer.WaitForNextTickAsync(cancel);
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private string? BrokenProcess()
    {
        foreach (var process in Processes)
        {
            if (ProcPidStatParser.Read(process.Pid) is not { } stat || stat.StartTimeTicks != process.StartTime || stat.IsZombie)
                return $"the {path} datapath broke: {process.Description} (pid {process.Pid}) in {process.Namespace} is gone";
        }
        return null;
    }

    /// <summary><paramref name="reason"/>, or the process whose end took the device with it.</summary>
    private async Task<string?> SettledAsync(string? reason)
    {
        if (reason is null || Processes.Count == 0 || BrokenProcess() is not null)
            return reason;
        await Task.Delay(ProcessExitGrace, CancellationToken.None);
        return BrokenProcess() ?? reason;
    }

    private string? BrokenDevice(DatapathDevices.Readers? readers) =>
        Devices is null ? null : readers is null ? Devices.Broken(path) : Devices.Broken(path, readers.Links);

    private string? Stalled(DatapathDevices.Readers? readers, List<(WatchedStream Stream, StreamStallRule Rule)> rules, TimeSpan at)
    {
        if (readers is null)
            return null;
        foreach (var (stream, rule) in rules)
        {
            if (readers.Links(stream.Namespace)?.FirstOrDefault(l => l.Name == stream.Device)?.Counters is not { } counters)
                continue;
            if (rule.Observe(at, counters.RxPackets) is { } silent)
                return $"the {path} datapath stalled: no packet reached {stream.Description} ({stream.Device} in {stream.Namespace}) " +
                    $"for {silent.TotalSeconds:0.0} s while the test's traffic should flow";
        }
        return null;
    }
}
