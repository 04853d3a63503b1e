using System.Net;
using PerfSuite.Lab.Tunnels;
using PerfSuite.Lab.Tunnels.Wireguard;

namespace PerfSuite.Lab.Tests.Support;

/// <summary>Two nodes on an underlay with a wireguard-go interface each (unique names, port 51820), peers of each
/// other with allowed-ips = the other's pod CIDR and its tunnel address 198.19.0.N/32; the interfaces carry
/// 198.19.0.1/24 and 198.19.0.2/24 (the stacked path's underlay) and pod addresses 10.42.N.1/32 with a route to the
/// other pod CIDR. Dispose stops both programs and removes the namespaces.</summary>
internal sealed class WireguardTestPair : IAsyncDisposable
{
    public const int Port = 51820;
    public static readonly IPAddress PodA = IPAddress.Parse("10.42.1.1");
    public static readonly IPAddress PodB = IPAddress.Parse("10.42.2.1");
    public static readonly IPAddress TunnelA = IPAddress.Parse("198.19.0.1");
    public static readonly IPAddress TunnelB = IPAddress.Parse("198.19.0.2");

    private WireguardTestPair(UnderlayPair underlay, string nameA, string nameB)
    {
        Underlay = underlay;
        NameA = nameA;
        NameB = nameB;
    }

    public UnderlayPair Underlay { get; }

    public string NameA { get; }

    public string NameB { get; }

    public X25519KeyPair KeyA { get; } = X25519KeyPair.Generate();

    public X25519KeyPair KeyB { get; } = X25519KeyPair.Generate();

    public WireguardGoDevice? A { get; private set; }

    public WireguardGoDevice? B { get; private set; }

    public static async Task<WireguardTestPair> StartAsync(int? mtu = 1440)
    {
        var tag = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3));
        var pair = new WireguardTestPair(new UnderlayPair(), $"pst{tag}a", $"pst{tag}b");
        try
        {
            var ct = TestContext.Current.CancellationToken;
            pair.A = await WireguardGoDevice.StartAsync(pair.Underlay.A, pair.NameA, pair.KeyA, Port,
                [new WireguardPeer(pair.KeyB.PublicKeyBase64, new IPEndPoint(UnderlayPair.AddressB, Port),
                    [IPNetwork.Parse("10.42.2.0/24"), new IPNetwork(TunnelB, 32)])],
                mtu, new InterfaceAddress(TunnelA, 24), cancellationToken: ct);
            pair.B = await WireguardGoDevice.StartAsync(pair.Underlay.B, pair.NameB, pair.KeyB, Port,
                [new WireguardPeer(pair.KeyA.PublicKeyBase64, new IPEndPoint(UnderlayPair.AddressA, Port),
                    [IPNetwork.Parse("10.42.1.0/24"), new IPNetwork(TunnelA, 32)])],
                mtu, new InterfaceAddress(TunnelB, 24), cancellationToken: ct);
            pair.Underlay.IpA("addr", "add", $"{PodA}/32", "dev", pair.NameA);
            pair.Underlay.IpB("addr", "add", $"{PodB}/32", "dev", pair.NameB);
            pair.Underlay.IpA("route", "add", "10.42.2.0/24", "dev", pair.NameA, "src", $"{PodA}");
            pair.Underlay.IpB("route", "add", "10.42.1.0/24", "dev", pair.NameB, "src", $"{PodB}");
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (A is not null)
            await A.DisposeAsync();
        if (B is not null)
            await B.DisposeAsync();
        Underlay.Dispose();
    }
}
