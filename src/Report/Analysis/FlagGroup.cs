namespace PerfSuite.Report.Analysis;

/// <summary>The flags of one kind, summarised in one line: how many groups they touch out of how many, and the
/// worst case. A page shows the line and folds the individual flags under it.</summary>
/// <param name="Kind">What the flags are about.</param>
/// <param name="Title">A few words in bold ("Repetitions disagree").</param>
/// <param name="Headline">The line: count, denominator, worst case, what it means.</param>
/// <param name="Flags">Every flag of the kind, worst first.</param>
public sealed record FlagGroup(ReportFlagKind Kind, string Title, string Headline, IReadOnlyList<ReportFlag> Flags)
{
    public bool IsProblem => Flags.Any(f => f.IsProblem);
}
