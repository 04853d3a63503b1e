using System.Net;
using System.Net.Sockets;
using PerfSuite.Kernel;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Tunnels.Ipip;

/// <summary>One end of a userspace IP-in-IP tunnel: the namespace of the node, the TUN device to create there, the
/// node's own underlay address and the peer's. <paramref name="TunMtu"/> null means the underlay path MTU toward the
/// peer minus the 20-byte outer header, which is what Calico sets on tunl0.</summary>
public sealed record IpipTunnelOptions(string? Netns, string TunName, IPAddress Local, IPAddress Remote, int? TunMtu = null)
{
    /// <summary>Largest MTU a TUN device accepts that still leaves room for the outer header in an IP packet.</summary>
    public const int MaxTunMtu = ushort.MaxValue - IpipEncapsulation.OuterHeaderLength;

    public void Validate()
    {
        InterfaceName.ValidateNew(TunName);
        if (Local.AddressFamily != AddressFamily.InterNetwork || Remote.AddressFamily != AddressFamily.InterNetwork)
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"IP in IP here needs IPv4 underlay addresses, not {Local} and {Remote}");
        if (Local.Equals(Remote))
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"local and remote are both {Local}");
        if (TunMtu is { } mtu && (mtu < IpipEncapsulation.MinimumMtu || mtu > MaxTunMtu))
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"TUN MTU {mtu} is outside {IpipEncapsulation.MinimumMtu}..{MaxTunMtu}");
    }
}
