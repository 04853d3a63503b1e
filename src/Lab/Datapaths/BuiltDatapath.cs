namespace PerfSuite.Lab.Datapaths;

/// <summary>What a builder made: the tunnel devices (offload profiles apply to them as to the underlay). What its
/// traffic looks like on the underlay, which verification checks with a capture, is the datapath's own
/// <see cref="Model.Datapaths.Datapath.Wire"/>.</summary>
public sealed record BuiltDatapath(IReadOnlyList<TunnelDevice> TunnelDevices);

/// <summary>A device a datapath added in a node namespace (<c>flannel.1</c>, <c>tunl0</c>, a WireGuard device).</summary>
public sealed record TunnelDevice(string Namespace, string Name)
{
    public override string ToString() => $"{Name} in {Namespace}";
}
