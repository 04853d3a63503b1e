namespace PerfSuite.Probe.Facts;

/// <summary>What rtnetlink says about a link beyond the probe@1 snapshot: the MTU range the driver accepts
/// (IFLA_MIN_MTU, IFLA_MAX_MTU) and, for a veth, its peer: the peer's index in this namespace
/// (<paramref name="PeerIndex"/>) or the fact that the peer lives in another namespace (IFLA_LINK_NETNSID), which
/// is how a pod's host-side veth looks from the node.</summary>
public sealed record LinkFacts(string Name, int? MinMtu, int? MaxMtu, int? PeerIndex, bool PeerInOtherNamespace);
