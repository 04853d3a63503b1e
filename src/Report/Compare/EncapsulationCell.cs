namespace PerfSuite.Report.Compare;

/// <summary>One input's answer for one encapsulation: who segments it, and what it cost where results show it.</summary>
/// <param name="Explanation">One sentence for the verdict.</param>
/// <param name="Costs">One per matching pair of cell groups (MTU, offload profile, streams); empty when there
/// is none, and then <paramref name="CostGap"/> says why.</param>
public sealed record EncapsulationCell(
    EncapsulationVerdict Verdict,
    string Explanation,
    IReadOnlyList<EncapsulationCost> Costs,
    string? CostGap);
