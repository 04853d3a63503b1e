namespace PerfSuite.Model.Probe;

/// <summary>The pod network of one namespace as <c>perfsuite probe --audit</c> reads it: the underlay and why it is
/// taken for one, the CNI recognised, every tunnel device with the MTU range its underlay allows, the pod MTU the
/// datapath implies, and every MTU that does not fit. Read only: <c>perfsuite tune</c> proposes the changes.</summary>
public sealed record NetworkAudit(
    string? Underlay,
    string UnderlayEvidence,
    string Cni,
    IReadOnlyList<AuditedTunnel> Tunnels,
    int? ExpectedPodMtu,
    string ExpectedPodMtuEvidence,
    IReadOnlyList<AuditedMtu> Mistakes);

/// <summary>A tunnel device: its datapath, MTU, the device it sends through, and the MTU range that fits.</summary>
public sealed record AuditedTunnel(string Name, string Datapath, string Cni, int Mtu, string Underlay, int UnderlayMtu, int FitsMin, int FitsMax);

/// <summary>One MTU mistake: <see cref="Kind"/> is the id of the tune rule that proposes its fix
/// (<c>mtu.tunnel-too-large</c>, <c>mtu.pod-too-small</c>, <c>mtu.route-too-large</c>, ...), <see cref="Route"/> the
/// route's destination when the MTU is a route metric, <see cref="Fits"/> the MTU that fits.</summary>
public sealed record AuditedMtu(string Kind, string Device, string? Route, int Mtu, int Fits, string Why);
