using PerfSuite.Tune.Changes;
using PerfSuite.Tune.Journal;

namespace PerfSuite.Tune.Apply;

/// <summary>What applying one finding did: each of its changes, journaled, made and read back.</summary>
public sealed record AppliedFinding(string FindingId, AppliedStatus Status, IReadOnlyList<AppliedChange> Changes);

/// <summary>One change: its journal sequence number, the value written, the value read before (the undo) and
/// after, and why it did not take when it did not.</summary>
public sealed record AppliedChange(
    int Sequence,
    TuneSetting Setting,
    TuneSetting Previous,
    ChangeStatus Status,
    TuneSetting? ReadBack,
    string? Detail);

public enum AppliedStatus
{
    /// <summary>Every change read back as requested.</summary>
    Applied,

    /// <summary>Some changes took, some did not.</summary>
    Partial,

    /// <summary>None of the changes took.</summary>
    NotTaken,
}
