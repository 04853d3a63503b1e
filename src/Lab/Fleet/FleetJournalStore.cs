using System.Text.Json;
using PerfSuite.Lab.State;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Fleet;

/// <summary>Fleet journals, one per agent name, in <see cref="LabPaths.FleetJournalDirectory"/>. Written whole to a
/// temporary file and renamed, so a crash leaves the old journal or the new one, never half of one.</summary>
public sealed class FleetJournalStore(string directory)
{
    public static FleetJournalStore Default { get; } = new(LabPaths.FleetJournalDirectory);

    public string Directory { get; } = directory;

    public string PathOf(string agent) => Path.Combine(Directory, agent + ".json");

    public void Save(FleetJournal journal)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(journal.Agent);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(journal, LabJsonContext.Default.FleetJournal));
        File.Move(temporary, path, overwrite: true);
    }

    public FleetJournal? Load(string agent)
    {
        var path = PathOf(agent);
        if (!File.Exists(path))
            return null;
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(path), LabJsonContext.Default.FleetJournal);
        }
        catch (JsonException e)
        {
            throw new PerfSuiteException(ErrorReason.Failed, $"fleet journal {path} is unreadable ({e.Message}); inspect and remove it by hand");
        }
    }

    public void Delete(string agent) => File.Delete(PathOf(agent));

    /// <summary>The agents that have a journal here: each one's run was under way when it was written.</summary>
    public IReadOnlyList<string> Agents() =>
        System.IO.Directory.Exists(Directory)
            ? [.. System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>The claim on agent name <paramref name="agent"/>: an agent holds it for as long as it runs (so one name
    /// is one agent on a host, and its journal is its alone), and <c>lab clean</c> repairs a journal only under it. The
    /// kernel drops it when the agent dies, even by SIGKILL. Null when a live process holds it.</summary>
    public LabLock? TryClaim(string agent) => LabLock.TryTake(new LabStateStore(Directory), agent);

    /// <summary>Gives up a claim for good, as an agent that stops does: its file is deleted while still locked (the
    /// lock protocol of <see cref="LabLock"/>), then the lock is let go, so a stopped agent leaves no <c>NAME.lock</c>.
    /// Call it only once the agent has ended its run, since the next agent of the name may start at once.</summary>
    public static void Release(LabLock claim, FleetJournalStore store)
    {
        LabLock.DeleteFile(new LabStateStore(store.Directory), claim.Name);
        claim.Dispose();
    }

    /// <summary><see cref="TryClaim"/>, or a Busy error: another agent of this name runs on this host.</summary>
    public LabLock Claim(string agent) =>
        TryClaim(agent) ?? throw new PerfSuiteException(ErrorReason.Busy,
            $"another agent named '{agent}' runs on this host (it holds {LabLock.PathOf(new LabStateStore(Directory), agent)}); give this one another --name");
}
