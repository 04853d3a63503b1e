using PerfSuite.Model.Results;

namespace PerfSuite.Runner;

/// <summary>What one test between a pair of endpoints produced for its results cell. <see cref="ObservedPathMtu"/>
/// overrides the place's when the test itself saw it (tcp_info on two hosts); the ceiling and efficiency are there when
/// the line rate under the traffic is known. <see cref="Nics"/>: a fleet cell's sender and receiver NIC snapshots, read
/// while the cell's offload profile was set.</summary>
public sealed record CellMeasurement(
    CellMetrics Metrics,
    int? ObservedPathMtu = null,
    double? CeilingBps = null,
    double? Efficiency = null,
    IReadOnlyList<HostNicSnapshot>? Nics = null);
