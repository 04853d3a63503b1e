namespace PerfSuite.Probe.Facts;

/// <summary>One IPv4 or IPv6 route: destination in CIDR form, gateway, output device, the RTAX_MTU metric when the
/// route has one (Cilium puts the pod MTU there instead of on the device), and the routing table.</summary>
public sealed record RouteFacts(string Destination, string? Gateway, string? Device, int? Mtu, int Table)
{
    public const int MainTable = 254;

    public bool IsDefault => Destination is "0.0.0.0/0" or "::/0";
}
