namespace PerfSuite.Model.Results;

/// <summary>One host of a fleet run (<c>run --hosts</c>), as its agent reported it.</summary>
/// <param name="Name">The host's identity in cells (<see cref="CellResult.Sender"/>, <see cref="CellResult.Receiver"/>):
/// the agent's <c>--name</c>, by default its hostname. Unique within a run.</param>
/// <param name="Endpoint">The agent's control address as given to <c>--hosts</c> (<c>ADDR:PORT</c>).</param>
/// <param name="Nic">The NIC under test on this host: the interface whose offloads the profiles change and through
/// which the underlay traffic leaves.</param>
/// <param name="Environment">The host's kernel, CPU, sysctls and probe snapshots (<see cref="RunEnvironment.Probe"/>
/// holds the snapshot of <paramref name="Nic"/>), taken before the first cell, with the host's own offloads.</param>
public sealed record FleetHost(
    string Name,
    string? Endpoint,
    string Nic,
    RunEnvironment Environment);
