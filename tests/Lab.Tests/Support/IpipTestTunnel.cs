using System.Net;
using PerfSuite.Lab.Tunnels.Ipip;

namespace PerfSuite.Lab.Tests.Support;

/// <summary>Two nodes on an underlay with an in-process userspace IP-in-IP encapsulator each, tunl0 carrying the pod
/// addresses 10.42.1.1/32 and 10.42.2.1/32, and Calico-style routes to the peer's pod CIDR
/// (<c>via PEER dev tunl0 onlink</c>). Disposing stops both encapsulators and removes the namespaces.</summary>
internal sealed class IpipTestTunnel : IDisposable
{
    public const string Tun = "tunl0";
    public static readonly IPAddress PodA = IPAddress.Parse("10.42.1.1");
    public static readonly IPAddress PodB = IPAddress.Parse("10.42.2.1");

    public IpipTestTunnel(int underlayMtu = 1500, int? tunMtuA = null, int? tunMtuB = null)
    {
        Underlay = new UnderlayPair(underlayMtu);
        try
        {
            A = IpipEncapsulator.Open(new IpipTunnelOptions(Underlay.A, Tun, UnderlayPair.AddressA, UnderlayPair.AddressB, tunMtuA));
            B = IpipEncapsulator.Open(new IpipTunnelOptions(Underlay.B, Tun, UnderlayPair.AddressB, UnderlayPair.AddressA, tunMtuB));
            A.Start();
            B.Start();
            Underlay.IpA("addr", "add", $"{PodA}/32", "dev", Tun);
            Underlay.IpB("addr", "add", $"{PodB}/32", "dev", Tun);
            Underlay.IpA("route", "add", "10.42.2.0/24", "via", $"{UnderlayPair.AddressB}", "dev", Tun, "onlink", "src", $"{PodA}");
            Underlay.IpB("route", "add", "10.42.1.0/24", "via", $"{UnderlayPair.AddressA}", "dev", Tun, "onlink", "src", $"{PodB}");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public UnderlayPair Underlay { get; }

    public IpipEncapsulator A { get; } = null!;

    public IpipEncapsulator B { get; } = null!;

    public void Dispose()
    {
        A?.Dispose();
        B?.Dispose();
        Underlay.Dispose();
    }
}
