using PerfSuite.Model.Errors;
using PerfSuite.Tune.Findings;
using PerfSuite.Tune.Journal;

namespace PerfSuite.Tune.Apply;

/// <summary>Applies findings through the journal: for each change, read the current value, record the intent
/// (previous and new value) durably, write, read back, record the outcome. A crash at any point leaves a journal
/// from which <see cref="TuneRollback"/> restores every value that was read.</summary>
public sealed class TuneApplier(ITunableSystem system, TuneJournal journal)
{
    public AppliedFinding Apply(Finding finding)
    {
        if (finding.Action == FindingAction.Advise)
            throw new InvalidOperationException($"finding {finding.Id} is advice and is never applied");
        var changes = new List<AppliedChange>(finding.Changes.Count);
        foreach (var setting in finding.Changes)
        {
            // Journaled before the change and so undone after it: rollback runs newest first.
            foreach (var kept in system.ResetBy(setting))
            {
                var keptSequence = journal.Intend(finding.Id, kept, kept);
                var preserved = new AppliedChange(keptSequence, kept, kept, ChangeStatus.Preserved, kept,
                    $"journaled before {setting.Knob()}, which may reset it");
                journal.Record(new JournalOutcome(keptSequence, preserved.Status, kept, preserved.Detail));
                changes.Add(preserved);
            }
            var previous = system.Read(setting);
            var sequence = journal.Intend(finding.Id, setting, previous);
            AppliedChange change;
            try
            {
                system.Write(setting);
                var check = system.Check(setting);
                change = new AppliedChange(sequence, setting, previous,
                    check.TookEffect ? ChangeStatus.Applied : ChangeStatus.NotTaken, check.ReadBack, check.Detail);
            }
            catch (PerfSuiteException e)
            {
                change = new AppliedChange(sequence, setting, previous, ChangeStatus.Failed, null, e.Message);
            }
            journal.Record(new JournalOutcome(sequence, change.Status, change.ReadBack, change.Detail));
            changes.Add(change);
        }
        var made = changes.Where(c => c.Status != ChangeStatus.Preserved).ToList();
        var taken = made.Count(c => c.Status == ChangeStatus.Applied);
        var status = taken == made.Count ? AppliedStatus.Applied : taken == 0 ? AppliedStatus.NotTaken : AppliedStatus.Partial;
        return new AppliedFinding(finding.Id, status, changes);
    }

    /// <summary>Undoes the changes of one applied finding, newest first, and journals each undo (used by
    /// <c>--verify</c> for a change that did not measure better).</summary>
    public IReadOnlyList<RollbackItem> Undo(AppliedFinding applied, string reason) =>
        applied.Changes
            .OrderByDescending(c => c.Sequence)
            .Select(c => TuneRollback.Restore(system, journal, c.Sequence, applied.FindingId, c.Previous, reason))
            .ToList();
}
