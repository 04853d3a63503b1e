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
}
