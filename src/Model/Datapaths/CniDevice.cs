namespace PerfSuite.Model.Datapaths;

/// <summary>A tunnel device name a CNI gives one datapath (<c>flannel.1</c>, <c>vxlan.calico</c>, <c>cilium_geneve</c>),
/// by which the CNI and the datapath are recognised on a node.</summary>
/// <param name="Ipv6Outer">Whether the device's outer packets are IPv6 (true), IPv4 (false), or either (null).</param>
public sealed record CniDevice(string Name, CniFlavour Flavour, bool? Ipv6Outer);
