using System.Text.Json;
using PerfSuite.Model.Json;
using PerfSuite.Probe.Snapshots;

namespace PerfSuite.Tests.Support;

/// <summary>
/// A node built wrong on purpose in a namespace of the test's own, with <c>ip</c>, <c>ethtool</c> and
/// <c>sysctl</c> (independent of the code under test): a veth underlay <c>ul0</c>–<c>ul1</c>, a Flannel-style
/// <c>flannel.1</c> over it at the right 1450, and a pod bridge <c>cni0</c> with a veth pair <c>veth0</c>–<c>pod0</c>
/// left at 1500 (the pod MTU too large), GRO off on the underlay and the tunnel, and TCP buffer maxima of 256 KiB
/// in the namespace's own (per-namespace) tcp_rmem and tcp_wmem. Removed on Dispose, even when the test fails.
/// </summary>
public sealed class MisconfiguredNode : IDisposable
{
    public const string SmallRmem = "4096\t131072\t262144";
    public const string SmallWmem = "4096\t16384\t262144";

    private readonly ScratchNamespace _namespace;

    public MisconfiguredNode()
    {
        _namespace = new ScratchNamespace();
        try
        {
            Ip("link", "add", "ul0", "type", "veth", "peer", "name", "ul1");
            Ip("addr", "add", "198.18.0.1/24", "dev", "ul0");
            Ip("link", "set", "ul0", "up");
            Ip("link", "set", "ul1", "up");
            Ip("link", "add", "flannel.1", "type", "vxlan", "id", "1", "dev", "ul0", "local", "198.18.0.1", "dstport", "8472", "nolearning");
            Ip("link", "set", "flannel.1", "mtu", "1450", "up");
            Ip("link", "add", "cni0", "type", "bridge");
            Ip("link", "set", "cni0", "mtu", "1500", "up");
            Ip("link", "add", "veth0", "type", "veth", "peer", "name", "pod0");
            Ip("link", "set", "veth0", "master", "cni0", "up");
            Ip("link", "set", "pod0", "up");
            Exec("ethtool", "-K", "ul0", "gro", "off");
            Exec("ethtool", "-K", "flannel.1", "gro", "off");
            Exec("sysctl", "-qw", $"net.ipv4.tcp_rmem={SmallRmem}", $"net.ipv4.tcp_wmem={SmallWmem}");
            WaitUntilUp("ul0", "ul1", "veth0", "pod0", "cni0");
        }
        catch
        {
            _namespace.Dispose();
            throw;
        }
    }

    public string Name => _namespace.Name;

    public string Ip(params string[] args) => _namespace.Ip(args);

    public string Exec(string program, params string[] args) => Shell.Run("ip", ["netns", "exec", Name, program, .. args]);

    public string Sysctl(string key) => Exec("sysctl", "-n", key).TrimEnd('\n');

    public int Mtu(string device)
    {
        using var json = JsonDocument.Parse(Ip("-j", "link", "show", "dev", device));
        return json.RootElement[0].GetProperty("mtu").GetInt32();
    }

    public string EthtoolK(string device) => Exec("ethtool", "-k", device);

    /// <summary>The probe@1 JSON of every interface, the moment it was taken blanked out.</summary>
    public string ProbeJson()
    {
        var document = InterfaceProber.Probe(Name, []) with { TakenUtc = DateTimeOffset.UnixEpoch };
        return JsonSerializer.Serialize(document, ModelJsonContext.Default.ProbeDocument);
    }

    public void Dispose() => _namespace.Dispose();

    /// <summary>Operational state follows "up" asynchronously (linkwatch; a bridge reports UNKNOWN until it notices
    /// its first forwarding port), up to a second later: snapshots compared before and after must not straddle that.</summary>
    private void WaitUntilUp(params string[] devices)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (devices.FirstOrDefault(d => OperState(d) != "UP") is { } late)
        {
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"{late} in {Name} did not come up: {OperState(late)}");
            Thread.Sleep(50);
        }
    }

    private string OperState(string device)
    {
        using var json = JsonDocument.Parse(Ip("-j", "link", "show", "dev", device));
        return json.RootElement[0].GetProperty("operstate").GetString()!;
    }
}
