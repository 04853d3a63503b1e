using PerfSuite.Model.Results;

namespace PerfSuite.Report.Analysis;

/// <summary>Everything a report says, computed once from a results document: the rows of the summary tables,
/// offload comparisons, flags and findings. Figures and pages only lay it out.</summary>
/// <param name="Document">The results the report is about.</param>
/// <param name="Groups">Per-group summaries (the document's own, or computed when it has none).</param>
/// <param name="LineRate">The line rate the ceilings are computed for; null in a lab (no wire).</param>
/// <param name="BaseProfile">The offload profile others are compared with: "default" when it was measured.</param>
/// <param name="Profiles">Every offload profile, the base first.</param>
/// <param name="Mtus">Every underlay MTU, ascending.</param>
/// <param name="PrimaryStreams">The stream count most tcp-stream groups used; figures show that one.</param>
/// <param name="Rows">Summary rows, by MTU, profile (base first), overhead, datapath.</param>
/// <param name="OffloadComparisons">Each non-base profile against the base, per datapath and MTU.</param>
/// <param name="Flags">Every flag of every row and of the run, without repeats, most serious first.</param>
/// <param name="Findings">Sentences computed from the numbers.</param>
public sealed record ReportAnalysis(
    ResultsDocument Document,
    IReadOnlyList<GroupSummary> Groups,
    LineRate? LineRate,
    string BaseProfile,
    IReadOnlyList<string> Profiles,
    IReadOnlyList<int> Mtus,
    int? PrimaryStreams,
    IReadOnlyList<DatapathRow> Rows,
    IReadOnlyList<OffloadComparison> OffloadComparisons,
    IReadOnlyList<ReportFlag> Flags,
    IReadOnlyList<string> Findings)
{
    /// <summary>The rows of the udp-stream and tcp-crr tables (by test, MTU, profile, streams, datapath): the tests
    /// whose numbers the summary rows do not hold.</summary>
    public IReadOnlyList<TestRow> TestRows { get; init; } = [];

    /// <summary>The rows the figures show for one MTU: base profile, primary stream count (and rows without a
    /// stream test, so that a datapath measured only for latency still appears).</summary>
    public IReadOnlyList<DatapathRow> FigureRows(int mtu) =>
        Rows.Where(r => r.UnderlayMtu == mtu && r.Offloads == BaseProfile && (r.Streams is null || r.Streams == PrimaryStreams)).ToList();

    /// <summary>The cells of one group, in run order.</summary>
    public IReadOnlyList<CellResult> CellsOf(GroupSummary group)
    {
        var key = CellGroupKey.Of(group);
        return Document.Cells.Where(c => CellGroupKey.Of(c) == key).ToList();
    }

    /// <summary>Cells that produced no numbers, in run order.</summary>
    public IReadOnlyList<CellResult> NotOkCells => Document.Cells.Where(c => c.Status != CellStatus.Ok).ToList();
}
