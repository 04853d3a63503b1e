using PerfSuite.Model.Results;

namespace PerfSuite.Report.Compare;

/// <summary>The columns ordered by one criterion, best first, ties shown as ties.</summary>
/// <param name="Criterion">"offload coverage", "goodput", "CPU per Gbit", "p99 latency".</param>
/// <param name="Scope">What was ranked: "encapsulation offloads in NIC hardware", or a datapath's cell group.</param>
/// <param name="TieRule">When two entries count as tied.</param>
public sealed record Ranking(
    string Criterion,
    string Scope,
    MetricDirection Direction,
    string TieRule,
    IReadOnlyList<RankEntry> Entries,
    IReadOnlyList<UnrankedColumn> Unranked);
