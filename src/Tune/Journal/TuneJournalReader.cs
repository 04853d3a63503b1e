using System.Text;
using System.Text.Json;
using PerfSuite.Kernel;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Json;

namespace PerfSuite.Tune.Journal;

/// <summary>Reads a tune journal back: the header, then every change with its outcome and rollbacks. A missing
/// file, a wrong schema or a line that does not parse (other than a torn last line) is a one-line
/// <see cref="PerfSuiteException"/>, and so is a file that is a symbolic link, not owned by root (or the caller) or
/// writable by its group or others.</summary>
public static class TuneJournalReader
{
    public static TuneJournalContents Read(string path)
    {
        // The journal decides what rollback writes as root: only a file no one else could have written is read.
        var text = Encoding.UTF8.GetString(OwnedFile.ReadAllBytes(path, "tune journal", InputFile.MaxBytes));
        var lines = text.Split('\n');
        // Every complete record ends with '\n'; a non-empty last piece is a record whose write never finished.
        var lastIsTorn = lines[^1].Length > 0;
        if (lines[0].Trim().Length == 0)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"tune journal {path} is empty");

        JournalHeader header;
        try
        {
            header = JsonSerializer.Deserialize(lines[0], TuneJsonContext.Default.TuneJournalRecord) as JournalHeader
                ?? throw new JsonException("the first record is not a header");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"{path} is not a tune journal: line 1 is not a {Schemas.TuneJournal} header ({FirstLine(e.Message)})");
        }
        if (header.Schema != Schemas.TuneJournal)
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"{path}: schema '{header.Schema}' is not {Schemas.TuneJournal}");

        var entries = new SortedDictionary<int, TuneJournalEntry>();
        var tornLastLine = false;
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0)
                continue;
            TuneJournalRecord record;
            try
            {
                record = JsonSerializer.Deserialize(line, TuneJsonContext.Default.TuneJournalRecord)
                    ?? throw new JsonException("null record");
            }
            catch (Exception e) when ((e is JsonException or NotSupportedException) && i == lines.Length - 1 && lastIsTorn)
            {
                // The process died while writing this record. An intent cut short was never followed by its change.
                tornLastLine = true;
                continue;
            }
            catch (Exception e) when (e is JsonException or NotSupportedException)
            {
                throw new PerfSuiteException(ErrorReason.InvalidArgument,
                    $"tune journal {path} is corrupt: line {i + 1} is not a journal record ({FirstLine(e.Message)})");
            }
            switch (record)
            {
                case JournalIntent intent:
                    if (!entries.TryAdd(intent.Sequence, new TuneJournalEntry(intent)))
                        throw new PerfSuiteException(ErrorReason.InvalidArgument,
                            $"tune journal {path} is corrupt: change {intent.Sequence} is recorded twice (line {i + 1})");
                    break;
                case JournalOutcome outcome:
                    EntryFor(outcome.Sequence, i).Outcome = outcome;
                    break;
                case JournalRollback rollback:
                    EntryFor(rollback.Sequence, i).Add(rollback);
                    break;
                default:
                    throw new PerfSuiteException(ErrorReason.InvalidArgument,
                        $"tune journal {path} is corrupt: line {i + 1} is a second header");
            }
        }
        return new TuneJournalContents(path, header, entries.Values.ToList(), tornLastLine);

        TuneJournalEntry EntryFor(int sequence, int lineIndex) =>
            entries.TryGetValue(sequence, out var entry)
                ? entry
                : throw new PerfSuiteException(ErrorReason.InvalidArgument,
                    $"tune journal {path} is corrupt: line {lineIndex + 1} refers to change {sequence}, which has no intent");
    }

    private static string FirstLine(string message)
    {
        var cut = message.IndexOfAny(['\r', '\n']);
        return cut < 0 ? message : message[..cut];
    }
}

/// <summary>A journal as read: the header and every change in sequence order.</summary>
public sealed record TuneJournalContents(string Path, JournalHeader Header, IReadOnlyList<TuneJournalEntry> Entries, bool TornLastLine)
{
    public int LastSequence => Entries.Count == 0 ? 0 : Entries[^1].Intent.Sequence;
}

/// <summary>One change: its intent, what happened when it was made (null if the process died first), and every
/// rollback attempt.</summary>
public sealed class TuneJournalEntry(JournalIntent intent)
{
    public JournalIntent Intent { get; } = intent;

    public JournalOutcome? Outcome { get; internal set; }

    private readonly List<JournalRollback> _rollbacks = [];

    public IReadOnlyList<JournalRollback> Rollbacks => _rollbacks;

    internal void Add(JournalRollback rollback) => _rollbacks.Add(rollback);

    public bool IsRolledBack => Rollbacks.Any(r => r.Status == RollbackStatus.Restored);
}
