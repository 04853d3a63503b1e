using PerfSuite.Model.Datapaths;

namespace PerfSuite.Runner;

/// <summary>Where a cell is measured: the path, its implementation, MTUs and offload profile, as a results cell names
/// them. <see cref="ObservedPathMtu"/> is what the lab's verification saw; null when the cells report their own.
/// <see cref="Sender"/> and <see cref="Receiver"/> name the hosts of a fleet run's cell (null elsewhere).</summary>
public sealed record RunPlace(
    string Path,
    DatapathImplementation Impl,
    int UnderlayMtu,
    string Offloads,
    int PodMtu,
    int? ObservedPathMtu = null,
    string? Sender = null,
    string? Receiver = null);
