using System.Text.Json.Serialization;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Model.Results;

/// <summary>One repetition of one cell of the run matrix: a datapath, MTU, offload profile and test.</summary>
/// <param name="Path">Datapath name (<see cref="Datapath.Name"/>).</param>
/// <param name="Impl">Kernel or userspace implementation of the datapath.</param>
/// <param name="UnderlayMtu">Underlay IP MTU in bytes.</param>
/// <param name="PodMtu">MTU of the pod interfaces.</param>
/// <param name="ObservedPathMtu">Path MTU the kernel reported for the test connection (TCP_MAXSEG + headers or
/// IP_MTU), which catches a misconfigured route MTU.</param>
/// <param name="Offloads">Offload profile name ("default", "no-gro", ...).</param>
/// <param name="Test">Traffic test (<see cref="TrafficTestNames"/>).</param>
/// <param name="Streams">Parallel streams or connections.</param>
/// <param name="MessageSize">Bytes per write (stream tests) or per request (request/response tests).</param>
/// <param name="DurationSeconds">Measurement window, warm-up excluded.</param>
/// <param name="Rep">Repetition number, from 1.</param>
/// <param name="Status">ok, failed or skipped.</param>
/// <param name="Reason">Why the cell failed or was skipped; null when ok.</param>
/// <param name="Label">What is being measured in remote mode (a NIC, a CNI), from <c>--label</c>.</param>
/// <param name="Metrics">The measurements; null when the cell did not run.</param>
/// <param name="CeilingBps">Theoretical goodput ceiling for this MTU and encapsulation, when the line rate is known.</param>
/// <param name="Efficiency">Measured goodput / ceiling.</param>
/// <param name="Placement">CPUs the agents were placed on; null in files written before issue 14 (not placed).</param>
/// <param name="Sender">In a fleet run (<c>run --hosts</c>), the name of the host that sent
/// (<see cref="FleetHost.Name"/>); null in lab and remote runs.</param>
/// <param name="Receiver">In a fleet run, the name of the host that received; null otherwise.</param>
/// <param name="Nics">In a fleet run, the NIC under test of the sender and of the receiver as it was during this
/// cell (its offload profile applied), so that the state every number was measured in is on record.</param>
/// <param name="Verification">What the verification of this cell's path saw before it was measured (reachability,
/// path MTU with don't-fragment probes, the encapsulation captured on the wire): in a lab run the path's, in a fleet run
/// that of the ordered pair sender → receiver. A cell whose path did not pass is failed with its failures as the reason.
/// Null where nothing was verified (remote runs, a lab built by <c>lab up</c>) and in files written before.</param>
public sealed record CellResult(
    string Path,
    DatapathImplementation Impl,
    int UnderlayMtu,
    string Offloads,
    string Test,
    int Streams,
    int Rep,
    CellStatus Status,
    double DurationSeconds,
    int? PodMtu = null,
    int? ObservedPathMtu = null,
    int? MessageSize = null,
    string? Reason = null,
    string? Label = null,
    CellMetrics? Metrics = null,
    double? CeilingBps = null,
    double? Efficiency = null,
    CpuPlacement? Placement = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Sender = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Receiver = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<HostNicSnapshot>? Nics = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PathVerification? Verification = null);
