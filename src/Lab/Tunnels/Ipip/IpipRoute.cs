using System.Net;

namespace PerfSuite.Lab.Tunnels.Ipip;

/// <summary>Where the encapsulator sends inner packets for <paramref name="Destination"/>: to the tunnel end at
/// underlay address <paramref name="Remote"/>. What the kernel's <c>tunl0</c> reads from the route's gateway
/// (<c>10.42.M.0/24 via PEER dev tunl0 onlink</c>), which a TUN device never sees.</summary>
public sealed record IpipRoute(IPNetwork Destination, IPAddress Remote)
{
    /// <summary><c>CIDR=ADDR</c>, the form of <c>perfsuite tunnel ipip --route</c>.</summary>
    public string ToArgument() => $"{Destination}={Remote}";

    /// <summary>Reads <see cref="ToArgument"/>'s form; null when <paramref name="text"/> is not an IPv4 network, '=' and
    /// an IPv4 address.</summary>
    public static IpipRoute? TryParse(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals > 0
            && IPNetwork.TryParse(text.AsSpan(0, equals), out var destination)
            && destination.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            && IPAddress.TryParse(text.AsSpan(equals + 1), out var remote)
            && remote.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? new IpipRoute(destination, remote)
            : null;
    }
}
