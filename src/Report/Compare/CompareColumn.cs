namespace PerfSuite.Report.Compare;

/// <summary>One input as a column of the comparison.</summary>
/// <param name="Label">Unique among the columns: the results' label or host name, the probe's host name or the
/// dump's file name, then ":" and the interface.</param>
/// <param name="Source">The file.</param>
/// <param name="Interface">The interface compared ("node1/eth0" for a namespace other than the host's); null when
/// the input has none or not the one asked for.</param>
/// <param name="InterfaceKind">rtnetlink kind of that interface; null for a physical NIC.</param>
/// <param name="Notes">How the interface was chosen, and what the input lacks.</param>
public sealed record CompareColumn(
    string Label,
    string Source,
    CompareInputKind Kind,
    string? Hostname,
    string? Kernel,
    string? Interface,
    string? InterfaceKind,
    IReadOnlyList<string> Notes);
