namespace PerfSuite.Lab.State;

/// <summary>Keeps a lab's state document current: every namespace and process is written down before it is
/// made, so whatever moment the builder dies at, the document names everything that may exist. It holds the lab's
/// <see cref="LabLock"/> until <see cref="Release"/> (or the process's end).</summary>
public sealed class LabRecorder(LabStateStore store, LabState initial, LabLock? labLock = null) : ILabProcessLedger
{
    /// <summary>Lets go of the lab's lock: once the lab is removed, or handed over as a finished <c>lab up</c>.</summary>
    public void Release() => labLock?.Dispose();

    private readonly object _gate = new();

    public LabState State { get; private set; } = initial;

    public LabStateStore Store { get; } = store;

    public void AddNamespaces(IEnumerable<string> names) =>
        Update(s => s with { Namespaces = s.Namespaces.Concat(names).Distinct(StringComparer.Ordinal).ToList() });

    public void RemoveNamespaces(IEnumerable<string> names)
    {
        var gone = names.ToHashSet(StringComparer.Ordinal);
        Update(s => s with { Namespaces = s.Namespaces.Where(n => !gone.Contains(n)).ToList() });
    }

    public void Record(int pid, string netns, string description)
    {
        if (LabProcessRecord.Of(pid, netns, description) is { } process)
            Update(s => s with { Processes = LabProcessRecord.Add(s.Processes, process) });
    }

    public void Forget(int pid) => Update(s => s with { Processes = s.Processes.Where(p => p.Pid != pid).ToList() });

    public void Complete(IReadOnlyList<LabPathSummary> paths) => Update(s => s with { Complete = true, Paths = paths });

    private void Update(Func<LabState, LabState> change)
    {
        lock (_gate)
        {
            State = change(State);
            Store.Save(State);
        }
    }
}
