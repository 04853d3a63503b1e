using PerfSuite.Model.Results;

namespace PerfSuite.Runner;

/// <summary>A path a stage could not bring up: each of its cells is recorded with <see cref="Status"/> (skipped when the
/// host cannot build it, failed when it was built wrong) and <see cref="Reason"/>.</summary>
public sealed record UnavailablePath(RunPlace Place, CellStatus Status, string Reason);
