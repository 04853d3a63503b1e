using System.Net;
using PerfSuite.Kernel.Namespaces;

namespace PerfSuite.Tests.Support;

/// <summary>Two "hosts" for a test: network namespaces <c>ps-t&lt;hex&gt;a</c> and <c>…b</c> joined by a veth pair,
/// 198.18.0.1/30 and 198.18.0.2/30 (the benchmarking range), with no other link. Both are deleted on dispose, which
/// also removes the veth pair. Skips the test when not root.</summary>
public sealed class VethNamespaces : IDisposable
{
    public VethNamespaces()
    {
        Requires.Root("network namespaces");
        var prefix = "ps-t" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3));
        A = prefix + "a";
        B = prefix + "b";
        try
        {
            NetworkNamespace.Create(A);
            NetworkNamespace.Create(B);
            Ip("link", "add", "veth0", "netns", A, "type", "veth", "peer", "name", "veth0", "netns", B);
            foreach (var (ns, address) in new[] { (A, AddressA), (B, AddressB) })
            {
                Ip("-n", ns, "addr", "add", $"{address}/30", "dev", "veth0");
                Ip("-n", ns, "link", "set", "lo", "up");
                Ip("-n", ns, "link", "set", "veth0", "up");
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string A { get; }
    public string B { get; }
    public static IPAddress AddressA { get; } = IPAddress.Parse("198.18.0.1");
    public static IPAddress AddressB { get; } = IPAddress.Parse("198.18.0.2");

    /// <summary>Runs <c>ip ARGS</c> and returns its output.</summary>
    public static string Ip(params string[] args) => Shell.Run("ip", args);

    public void Dispose()
    {
        NetworkNamespace.Delete(A, ignoreMissing: true);
        NetworkNamespace.Delete(B, ignoreMissing: true);
    }
}
