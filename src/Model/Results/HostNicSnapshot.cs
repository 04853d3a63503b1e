using PerfSuite.Model.Probe;

namespace PerfSuite.Model.Results;

/// <summary>The NIC under test of one host as it was during one cell (<see cref="CellResult.Nics"/>).</summary>
/// <param name="Host">The host's <see cref="FleetHost.Name"/>.</param>
/// <param name="Nic">The snapshot, read back after the cell's offload profile was applied.</param>
public sealed record HostNicSnapshot(string Host, InterfaceSnapshot Nic);
