using PerfSuite.Kernel;
using PerfSuite.Lab;
using PerfSuite.Model.Results;
using PerfSuite.Probe.Host;
using PerfSuite.Runner.Testbeds.Lab;

namespace PerfSuite.Runner;

/// <summary>A path a stage could not bring up: each of its cells is recorded with <see cref="Status"/> (skipped when the
/// host cannot build it, failed when it was built wrong) and <see cref="Reason"/>.</summary>
public sealed record UnavailablePath(RunPlace Place, CellStatus Status, string Reason);
