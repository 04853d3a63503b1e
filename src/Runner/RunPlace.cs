using System.Net.Sockets;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Runner;

/// <summary>Where a cell is measured: the path, its implementation, MTUs and offload profile, as a results cell names
/// them. <see cref="ObservedPathMtu"/> is what the lab's verification saw; null when the cells report their own.
/// <see cref="Placement"/> is where the testbed placed the path's agents; null when it places none.
/// <see cref="DataFamily"/> is the address family the test traffic flows in (the lab's pods are IPv4; a remote peer may
/// be reached over IPv6), which sets how much of a packet the IP and UDP headers take.
/// <see cref="Sender"/> and <see cref="Receiver"/> name the hosts of a fleet run's cell (null elsewhere).
/// <see cref="Verification"/> is what the testbed's verification of the path (a fleet: of this ordered pair) saw.</summary>
public sealed record RunPlace(
    string Path,
    DatapathImplementation Impl,
    int UnderlayMtu,
    string Offloads,
    int PodMtu,
    int? ObservedPathMtu = null,
    Model.Results.CpuPlacement? Placement = null,
    AddressFamily DataFamily = AddressFamily.InterNetwork,
    string? Sender = null,
    string? Receiver = null,
    Model.Results.PathVerification? Verification = null);
