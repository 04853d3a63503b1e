using System.Text.Json;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Json;

namespace PerfSuite.Lab.State;

/// <summary>The lab state documents under <see cref="LabPaths.LabStateDirectory"/>, one per lab name. Creating
/// one is exclusive, so two processes cannot build labs of the same name at once.</summary>
public sealed class LabStateStore(string directory)
{
    public static LabStateStore Default { get; } = new(LabPaths.LabStateDirectory);

    public string Directory { get; } = directory;

    public string PathOf(string name) => Path.Combine(Directory, name + ".json");

    /// <summary>Writes the first state of a lab; false when a document of that name exists already. The document
    /// is written aside and linked into place, so no reader ever sees it half written.</summary>
    public bool TryCreate(LabState state)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(state.Name);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(state, LabJsonContext.Default.LabState));
        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }

    /// <summary>Replaces a lab's state atomically (write aside, rename), so a reader never sees half a document.</summary>
    public void Save(LabState state)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(state.Name);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(state, LabJsonContext.Default.LabState));
        File.Move(temporary, path, overwrite: true);
    }

    public LabState? Load(string name)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
            return null;
        try
        {
            var state = JsonSerializer.Deserialize(File.ReadAllBytes(path), LabJsonContext.Default.LabState);
            return state is { Schema: Schemas.Lab } ? state : null;
        }
        catch (JsonException)
        {
            return null; // a document cut short by a crash: the lab is still found by its namespace prefix
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The names of every lab with a state document, sorted.</summary>
    public IReadOnlyList<string> Names() =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>()
                .Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>The process ledger of lab <paramref name="name"/> for processes started by another process than its
    /// builder (an agent of <c>run --lab</c> or <c>tune --verify</c>); records go straight into the state document,
    /// and nowhere when the lab is gone.</summary>
    public ILabProcessLedger Ledger(string name) => new StoredLedger(this, name);

    private sealed class StoredLedger(LabStateStore store, string name) : ILabProcessLedger
    {
        public void Record(int pid, string netns, string description)
        {
            if (LabProcessRecord.Of(pid, netns, description) is { } process && store.Load(name) is { } state)
                store.Save(state with { Processes = LabProcessRecord.Add(state.Processes, process) });
        }

        public void Forget(int pid)
        {
            if (store.Load(name) is { } state && state.Processes.Any(p => p.Pid == pid))
                store.Save(state with { Processes = state.Processes.Where(p => p.Pid != pid).ToList() });
        }
    }

    public void Delete(string name)
    {
        try
        {
            File.Delete(PathOf(name));
        }
        catch (IOException e)
        {
            throw new PerfSuiteException(ErrorReason.Io, $"removing the state of lab '{name}': {e.Message}");
        }
    }
}
