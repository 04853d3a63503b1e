using PerfSuite.Model.Results;

namespace PerfSuite.Report.Compare;

/// <summary>One input of <c>perfsuite compare</c>, loaded.</summary>
/// <param name="Argument">The argument as given (<c>FILE</c> or <c>FILE:IFACE</c>).</param>
/// <param name="Path">The file.</param>
/// <param name="RequestedInterface">The interface named after the colon, if any.</param>
/// <param name="Kind">What the content turned out to be.</param>
/// <param name="Name">What the input calls itself: the results' label or host name, the probe's host name, or
/// the dump's file name.</param>
/// <param name="Hostname">Host the input was taken on, when it says (a fleet run's: its hosts, comma-separated).</param>
/// <param name="Kernel">Kernel release, when the input says.</param>
/// <param name="Results">The measurements, for a results input.</param>
/// <param name="Interfaces">Every interface the input describes, in its order (for results: the run's own host,
/// not the peer; for a fleet run's, every host's NIC under test, qualified by the host's name, and not the runner's).</param>
public sealed record CompareInput(
    string Argument,
    string Path,
    string? RequestedInterface,
    CompareInputKind Kind,
    string Name,
    string? Hostname,
    string? Kernel,
    ResultsDocument? Results,
    IReadOnlyList<ComparedInterface> Interfaces);
