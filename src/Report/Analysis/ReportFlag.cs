namespace PerfSuite.Report.Analysis;

/// <summary>One thing a careful reader must know, about one group of cells (or the whole run).</summary>
/// <param name="Kind">What it is about.</param>
/// <param name="Subject">The cells it concerns (<c>vxlan/kernel mtu 1500 default tcp-stream ×1</c>) or "run".</param>
/// <param name="Message">One sentence for the reader.</param>
/// <param name="Short">A few words for a table cell ("CV 14 %", "userspace").</param>
/// <param name="Severity">How bad, to find the worst flag of a kind (a CV, a retransmit count); 0 when all are alike.</param>
/// <param name="Worst">What the grouped flags name as the worst case ("p99 latency CV 58 %"); <paramref name="Short"/> when null.</param>
public sealed record ReportFlag(ReportFlagKind Kind, string Subject, string Message, string Short, double Severity = 0, string? Worst = null)
{
    /// <summary>Failed cells and impossible numbers: the reader must not take the row at face value.</summary>
    public bool IsProblem => Kind is ReportFlagKind.Failed or ReportFlagKind.AboveCeiling or ReportFlagKind.Interrupted;
}
