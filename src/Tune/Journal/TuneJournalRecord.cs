using System.Text.Json.Serialization;
using PerfSuite.Model.Probe;
using PerfSuite.Tune.Changes;

namespace PerfSuite.Tune.Journal;

/// <summary>One line of a <c>perfsuite/tune-journal@1</c> file. Line 1 is the <see cref="JournalHeader"/>; then,
/// per change, an <see cref="JournalIntent"/> written and forced to disk before the change is made, an
/// <see cref="JournalOutcome"/> once it has been read back, and a <see cref="JournalRollback"/> for each time it
/// was undone.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(JournalHeader), "header")]
[JsonDerivedType(typeof(JournalIntent), "intent")]
[JsonDerivedType(typeof(JournalOutcome), "outcome")]
[JsonDerivedType(typeof(JournalRollback), "rollback")]
public abstract record TuneJournalRecord;

/// <summary>Where the changes are made and what was there before any of them: the probe@1 snapshot of the
/// namespace's interfaces taken before the first change.</summary>
public sealed record JournalHeader(
    string Schema,
    DateTimeOffset CreatedUtc,
    string Hostname,
    string Kernel,
    string? Netns,
    IReadOnlyList<string> CommandLine,
    ProbeDocument Probe) : TuneJournalRecord;

/// <summary>A change about to be made: the value read just before (<see cref="Previous"/>, the undo) and the value
/// to write (<see cref="Setting"/>).</summary>
public sealed record JournalIntent(
    int Sequence,
    string FindingId,
    TuneSetting Setting,
    TuneSetting Previous,
    string Undo) : TuneJournalRecord;

/// <summary>What a change did, read back after it was made.</summary>
public sealed record JournalOutcome(
    int Sequence,
    ChangeStatus Status,
    TuneSetting? ReadBack,
    string? Detail) : TuneJournalRecord;

/// <summary>A change undone (or an attempt that failed), read back after the previous value was written.</summary>
public sealed record JournalRollback(
    int Sequence,
    RollbackStatus Status,
    TuneSetting? ReadBack,
    string Reason,
    string? Detail,
    DateTimeOffset AtUtc) : TuneJournalRecord;

public enum ChangeStatus
{
    /// <summary>Written and read back as requested.</summary>
    Applied,

    /// <summary>Written, but the read-back differs: the kernel or driver did not take all of it.</summary>
    NotTaken,

    /// <summary>The write failed; the previous value should still be in place.</summary>
    Failed,

    /// <summary>Not written: read and journaled before a change that may reset it as a side effect (a queue
    /// count change resets RPS, XPS and interrupt affinity), so a rollback writes it back after undoing that change.</summary>
    Preserved,
}

public enum RollbackStatus
{
    /// <summary>The previous value is back, read back exactly.</summary>
    Restored,

    /// <summary>The previous value could not be written, or does not read back.</summary>
    Failed,
}
