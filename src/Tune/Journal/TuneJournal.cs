using PerfSuite.Model.Json;
using PerfSuite.Model.Probe;
using PerfSuite.Tune.Changes;

namespace PerfSuite.Tune.Journal;

/// <summary>
/// The append-only journal of one <c>tune --apply</c>: each record is one JSON line written with one write call
/// and forced to disk (fsync) before the call returns, so an intent is durable before its change is made. Only
/// the last line can be torn by a crash, and <see cref="TuneJournalReader"/> drops it. <c>tune rollback</c>
/// appends its own records to the same file.
/// </summary>
public sealed class TuneJournal : IDisposable
{
    private readonly JsonLinesJournalFile _file;
    private readonly Lock _gate = new();
    private int _lastSequence;

    private TuneJournal(JsonLinesJournalFile file, int lastSequence)
    {
        _file = file;
        _lastSequence = lastSequence;
    }

    public string Path => _file.Path;

    /// <summary>Creates a new journal and writes its header to disk. Refuses an existing file: it may hold the
    /// undo of an earlier run.</summary>
    public static TuneJournal Create(string path, string? netns, string hostname, string kernel,
        IReadOnlyList<string> commandLine, ProbeDocument probeBefore, DateTimeOffset createdUtc)
    {
        var file = JsonLinesJournalFile.CreateNew(path, "tune journal",
            $"tune journal {path} already exists; it may hold the undo of an earlier run (roll it back or choose another --journal)");
        var journal = new TuneJournal(file, 0);
        try
        {
            journal.Write(new JournalHeader(Schemas.TuneJournal, createdUtc, hostname, kernel, netns, commandLine, probeBefore));
        }
        catch
        {
            journal.Dispose();
            throw;
        }
        return journal;
    }

    /// <summary>Opens an existing journal to append to (rollback records, or a later verify decision).</summary>
    public static TuneJournal Append(string path, int lastSequence) =>
        new(JsonLinesJournalFile.OpenToAppend(path, "tune journal"), lastSequence);

    /// <summary>Records a change before it is made, and returns its sequence number once the record is on disk.</summary>
    public int Intend(string findingId, TuneSetting setting, TuneSetting previous)
    {
        lock (_gate)
        {
            var sequence = ++_lastSequence;
            Write(new JournalIntent(sequence, findingId, setting, previous, previous.Describe()));
            return sequence;
        }
    }

    public void Record(JournalOutcome outcome)
    {
        lock (_gate)
            Write(outcome);
    }

    public void Record(JournalRollback rollback)
    {
        lock (_gate)
            Write(rollback);
    }

    public void Dispose()
    {
        lock (_gate)
            _file.Dispose();
    }

    private void Write(TuneJournalRecord record) => _file.Append(record, TuneJsonContext.Default.TuneJournalRecord);
}
