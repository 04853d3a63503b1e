using PerfSuite.Lab.State;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab;

/// <summary>
/// A lab that is up: its paths (ready, skipped with a reason, or failed verification), the namespaces it made
/// and how long bring-up took. Disposing it tears everything down: processes, namespaces (and with them every
/// device, address and route), WireGuard sockets and the state document. A <see cref="LabSpec.Persistent"/>
/// lab that is not disposed stays up after this process ends (<c>perfsuite lab down</c> removes it).
/// </summary>
public sealed class LabInstance : IAsyncDisposable
{
    private readonly LabRecorder _recorder;
    private readonly LabResources _resources;
    private readonly LabCleaner _cleaner;
    private int _down;

    internal LabInstance(LabSpec spec, IReadOnlyList<LabPath> paths, LabRecorder recorder, LabResources resources,
        LabCleaner cleaner, TimeSpan upTime)
    {
        Spec = spec;
        Paths = paths;
        _recorder = recorder;
        _resources = resources;
        _cleaner = cleaner;
        UpTime = upTime;
    }

    /// <summary>Builds the lab <paramref name="spec"/> describes with the default builders, offload applier and
    /// state directory, and returns it once every path is ready, skipped or failed verification. Throws
    /// <see cref="PerfSuiteException"/> for bad input or an unusable host (nothing is left behind), and
    /// <see cref="OperationCanceledException"/> when cancelled (everything made so far is removed first).</summary>
    public static Task<LabInstance> UpAsync(LabSpec spec, CancellationToken cancellation = default) =>
        LabBringUp.UpAsync(spec, new LabServices(), cancellation);

    /// <summary>As <see cref="UpAsync(LabSpec, CancellationToken)"/>, with other builders (the tunnels' userspace
    /// ones), another offload applier or another state directory.</summary>
    public static Task<LabInstance> UpAsync(LabSpec spec, LabServices services, CancellationToken cancellation = default) =>
        LabBringUp.UpAsync(spec, services, cancellation);

    /// <summary>Synchronous <see cref="UpAsync(LabSpec, CancellationToken)"/>.</summary>
    public static LabInstance Up(LabSpec spec, CancellationToken cancellation = default) =>
        UpAsync(spec, cancellation).GetAwaiter().GetResult();

    /// <summary>Synchronous <see cref="UpAsync(LabSpec, LabServices, CancellationToken)"/>.</summary>
    public static LabInstance Up(LabSpec spec, LabServices services, CancellationToken cancellation = default) =>
        UpAsync(spec, services, cancellation).GetAwaiter().GetResult();

    /// <summary>Removes lab <paramref name="name"/>, whoever made it (what <c>perfsuite lab down</c> does).</summary>
    public static bool Down(string name) => LabCleaner.Default.Remove(name);

    public string Name => Spec.Name;

    public LabSpec Spec { get; }

    /// <summary>Every requested path, in the order requested.</summary>
    public IReadOnlyList<LabPath> Paths { get; }

    public IEnumerable<LabPath> ReadyPaths => Paths.Where(p => p.IsReady);

    /// <summary>Every namespace the lab made, as recorded in its state.</summary>
    public IReadOnlyList<string> Namespaces => _recorder.State.Namespaces;

    /// <summary>Wall time from the start of <see cref="UpAsync(LabSpec, CancellationToken)"/> to the lab being ready, verification included.</summary>
    public TimeSpan UpTime { get; }

    public bool IsDown => _down != 0;

    public LabPath Path(Datapath datapath) =>
        Paths.FirstOrDefault(p => p.Datapath == datapath)
        ?? throw new PerfSuiteException(ErrorReason.NotFound, $"lab '{Name}' has no path '{datapath.Name}'");

    public LabPath Path(string name) => Path(Datapath.Parse(name));

    /// <summary>Where processes started for this lab (an agent, say) are recorded, so that <c>lab clean</c> and the next
    /// lab start stop them if this process dies before it does.</summary>
    public ILabProcessLedger Processes => _recorder;

    /// <summary>The processes recorded in <paramref name="namespaces"/> (a path's tunnel processes in its node namespaces).</summary>
    public IReadOnlyList<LabProcessRecord> ProcessesIn(IEnumerable<string> namespaces)
    {
        var wanted = namespaces.ToHashSet(StringComparer.Ordinal);
        return _recorder.State.Processes.Where(p => wanted.Contains(p.Namespace)).ToList();
    }

    /// <summary>Lets go of the lab without taking it down, as a process that dies does: its lock is released, so
    /// another process (or <c>lab clean</c> in this one) may measure or remove it; what was built stays.</summary>
    public void Abandon() => _recorder.Release();

    /// <summary>Tears the lab down; safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _down, 1) != 0)
            return;
        await _resources.DisposeAsync();
        try
        {
            _cleaner.Remove(Name);
        }
        finally
        {
            _recorder.Release();
        }
    }
}
