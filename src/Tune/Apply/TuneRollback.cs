using PerfSuite.Model.Errors;
using PerfSuite.Model.Json;
using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Journal;

namespace PerfSuite.Tune.Apply;

/// <summary>
/// <c>perfsuite tune rollback JOURNAL</c>: writes back, newest first, the value read before every journaled
/// change, in the namespace the journal names, reads each back and records it in the journal. A change journaled
/// but never made (the process died in between) is restored the same way: writing the value that was there is
/// harmless when it still is. Changes already restored are skipped, so a second rollback changes nothing. A journal
/// asking for anything tune itself would not change (<see cref="JournalRestorePolicy"/>) is refused whole, before any write.
/// </summary>
public static class TuneRollback
{
    public const string ReasonRollback = "tune rollback";

    public static RollbackReport Run(string journalPath, Func<string?, ITunableSystem> openSystem, DateTimeOffset? now = null)
    {
        var contents = TuneJournalReader.Read(journalPath);
        if (JournalRestorePolicy.Refusals(contents) is { Count: > 0 } refusals)
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"tune journal {journalPath} asks for what tune never changes; nothing was written: {string.Join("; ", refusals)}");
        var netns = contents.Header.Netns;
        var items = new List<RollbackItem>();
        using var system = openSystem(netns);
        using var journal = TuneJournal.Append(journalPath, contents.LastSequence);
        foreach (var entry in contents.Entries.Reverse())
        {
            var intent = entry.Intent;
            if (entry.IsRolledBack)
            {
                items.Add(new RollbackItem(intent.Sequence, intent.FindingId, intent.Undo, RollbackItemStatus.AlreadyRolledBack, null));
                continue;
            }
            items.Add(Restore(system, journal, intent.Sequence, intent.FindingId, intent.Previous, ReasonRollback, now));
        }
        return new RollbackReport(Schemas.TuneRollback, journalPath, netns, items);
    }

    internal static RollbackItem Restore(ITunableSystem system, TuneJournal journal, int sequence, string findingId,
        TuneSetting previous, string reason, DateTimeOffset? now = null)
    {
        TuneSetting? readBack = null;
        string? detail = null;
        var restored = false;
        try
        {
            system.Write(previous);
            readBack = system.Read(previous);
            restored = readBack.SameState(previous);
            if (!restored)
                detail = $"reads back as: {readBack.Describe()}";
        }
        catch (PerfSuiteException e)
        {
            detail = e.Message;
        }
        journal.Record(new JournalRollback(sequence, restored ? RollbackStatus.Restored : RollbackStatus.Failed, readBack,
            reason, detail, now ?? DateTimeOffset.UtcNow));
        return new RollbackItem(sequence, findingId, previous.Describe(),
            restored ? RollbackItemStatus.Restored : RollbackItemStatus.Failed, detail);
    }
}

/// <summary>The outcome of one <c>tune rollback</c>.</summary>
public sealed record RollbackReport(string Schema, string Journal, string? Netns, IReadOnlyList<RollbackItem> Items)
{
    public bool AllRestored => Items.All(i => i.Status != RollbackItemStatus.Failed);
}

/// <summary>One change undone: the journal sequence, its finding, the command that restores it, and how it went.</summary>
public sealed record RollbackItem(int Sequence, string FindingId, string Undo, RollbackItemStatus Status, string? Detail);

public enum RollbackItemStatus
{
    Restored,
    AlreadyRolledBack,
    Failed,
}
