using System.Net;

namespace PerfSuite.Lab.Tests.Support;

/// <summary>Two node namespaces joined by a veth "wire" with 198.18.0.1/24 and 198.18.0.2/24, as the lab's underlay
/// will be; built with <c>ip</c> (the oracle) and removed on Dispose even when the test fails.</summary>
internal sealed class UnderlayPair : IDisposable
{
    public static readonly IPAddress AddressA = IPAddress.Parse("198.18.0.1");
    public static readonly IPAddress AddressB = IPAddress.Parse("198.18.0.2");

    private readonly ScratchNamespace _a;
    private readonly ScratchNamespace _b;

    public UnderlayPair(int mtu = 1500)
    {
        _a = new ScratchNamespace();
        try
        {
            _b = new ScratchNamespace();
            Shell.Run("ip", "link", "add", WireA, "netns", A, "mtu", $"{mtu}", "type", "veth", "peer", "name", WireB, "netns", B, "mtu", $"{mtu}");
            _a.Ip("addr", "add", $"{AddressA}/24", "dev", WireA);
            _b.Ip("addr", "add", $"{AddressB}/24", "dev", WireB);
            foreach (var (ns, wire) in new[] { (_a, WireA), (_b, WireB) })
            {
                ns.Ip("link", "set", "lo", "up");
                ns.Ip("link", "set", wire, "up");
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string A => _a.Name;

    public string B => _b.Name;

    public const string WireA = "wire-a";

    public const string WireB = "wire-b";

    public string IpA(params string[] args) => _a.Ip(args);

    public string IpB(params string[] args) => _b.Ip(args);

    public void Dispose()
    {
        _a?.Dispose();
        _b?.Dispose();
    }
}
