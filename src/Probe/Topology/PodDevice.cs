namespace PerfSuite.Probe.Topology;

/// <summary>A device pod traffic enters or leaves the node through: a pod's host-side veth, its peer when both
/// ends are here, or the bridge the veths hang on. <see cref="ChangeableHere"/> is false when the device's other
/// end lives in another namespace (a pod's own eth0), or, for a bridge, when any of its pod ports does: changing
/// only this side would leave the two ends of a link with different MTUs.</summary>
public sealed record PodDevice(string Name, int Mtu, bool IsBridge, bool ChangeableHere);
