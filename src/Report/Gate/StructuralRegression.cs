using System.Text.Json.Serialization;

namespace PerfSuite.Report.Gate;

/// <summary>What changed in the shape of a run rather than in its numbers; each one fails the gate.</summary>
public enum StructuralKind
{
    /// <summary>The current run did not finish (its document was recovered from the journal).</summary>
    [JsonStringEnumMemberName("interrupted")]
    Interrupted,

    /// <summary>A cell group the baseline measured is absent from the current run.</summary>
    [JsonStringEnumMemberName("missing")]
    Missing,

    /// <summary>A datapath ran in the kernel in the baseline and in userspace now (a module vanished).</summary>
    [JsonStringEnumMemberName("kernelToUserspace")]
    KernelToUserspace,

    /// <summary>Repetitions failed in the current run where no baseline run had a failure.</summary>
    [JsonStringEnumMemberName("newFailures")]
    NewFailures,

    /// <summary>The current run skipped a cell group that the baseline measured.</summary>
    [JsonStringEnumMemberName("skipped")]
    Skipped,
}

/// <summary>One structural regression: its kind, the cell it concerns (empty for the run as a whole) and a
/// sentence a person reads.</summary>
public sealed record StructuralRegression(StructuralKind Kind, string Cell, string Explanation)
{
    public override string ToString() => Cell.Length == 0 ? Explanation : $"{Cell}: {Explanation}";
}
