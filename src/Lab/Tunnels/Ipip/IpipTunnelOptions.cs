using System.Net;
using System.Net.Sockets;
using PerfSuite.Kernel;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab.Tunnels.Ipip;

/// <summary>One end of a userspace IP-in-IP tunnel: the namespace of the node, the TUN device to create there, the
/// node's own underlay address and the peer's. <paramref name="TunMtu"/> null means the underlay path MTU toward the
/// peer minus the 20-byte outer header, which is what Calico sets on tunl0. With <see cref="Routes"/> the end carries
/// several peers, as Calico's tunl0 does: an inner packet goes to the remote of the longest route that holds its
/// destination, else to <paramref name="Remote"/>, and packets are accepted from every one of them.</summary>
public sealed record IpipTunnelOptions(string? Netns, string TunName, IPAddress Local, IPAddress Remote, int? TunMtu = null)
{
    /// <summary>Inner destinations that go to another peer than <see cref="Remote"/> (a fleet host's pod CIDRs).</summary>
    public IReadOnlyList<IpipRoute> Routes { get; init; } = [];

    /// <summary>Every peer this end sends to and accepts from: <see cref="Remote"/> first, then each other route's.</summary>
    public IReadOnlyList<IPAddress> Remotes => [.. Routes.Select(r => r.Remote).Prepend(Remote).Distinct()];

    /// <summary>Largest MTU a TUN device accepts that still leaves room for the outer header in an IP packet.</summary>
    public const int MaxTunMtu = ushort.MaxValue - IpipEncapsulation.OuterHeaderLength;

    public void Validate()
    {
        InterfaceName.ValidateNew(TunName);
        if (Local.AddressFamily != AddressFamily.InterNetwork || Remote.AddressFamily != AddressFamily.InterNetwork)
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"IP in IP here needs IPv4 underlay addresses, not {Local} and {Remote}");
        foreach (var remote in Remotes)
        {
            if (remote.AddressFamily != AddressFamily.InterNetwork)
                throw new PerfSuiteException(ErrorReason.InvalidArgument, $"IP in IP here needs IPv4 underlay addresses, not {remote}");
            if (Local.Equals(remote))
                throw new PerfSuiteException(ErrorReason.InvalidArgument, $"local and remote are both {Local}");
        }
        if (Routes.FirstOrDefault(r => r.Destination.BaseAddress.AddressFamily != AddressFamily.InterNetwork) is { } v6)
            throw new PerfSuiteException(ErrorReason.InvalidArgument, $"route {v6.Destination}: IP in IP here carries IPv4 only");
        if (TunMtu is { } mtu && (mtu < IpipEncapsulation.MinimumMtu || mtu > MaxTunMtu))
            throw new PerfSuiteException(ErrorReason.InvalidArgument,
                $"TUN MTU {mtu} is outside {IpipEncapsulation.MinimumMtu}..{MaxTunMtu}");
    }
}
