namespace PerfSuite.Model.Results;

/// <summary>A scalar a cell can carry, by the name summaries and gates use for it (the JSON path within
/// <c>metrics</c>, e.g. <c>latencyUs.p99</c>).</summary>
/// <param name="Name">Name in summaries and on the command line.</param>
/// <param name="Unit">Unit for people ("bit/s", "µs", "cores").</param>
/// <param name="Direction">Which way is better.</param>
/// <param name="Read">Reads the value from a cell; null when the cell does not have it.</param>
/// <param name="Aliases">Shorter names accepted on the command line.</param>
public sealed record ResultMetric(
    string Name,
    string Unit,
    MetricDirection Direction,
    Func<CellResult, double?> Read,
    IReadOnlyList<string> Aliases)
{
    public override string ToString() => Name;
}
