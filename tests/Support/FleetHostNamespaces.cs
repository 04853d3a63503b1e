using System.Net;
using PerfSuite.Kernel.Namespaces;

namespace PerfSuite.Tests.Support;

/// <summary>
/// "Hosts" for fleet tests: network namespaces <c>ps-tf&lt;hex&gt;h1</c> (or another prefix's) … each with an <c>eth0</c> veth whose other
/// end is a port of bridge <c>br0</c> in namespace <c>ps-tf&lt;hex&gt;sw</c> (the switch). Host K's eth0 has
/// 198.51.100.K/24 (TEST-NET-2), nothing else; a runner namespace <c>…rn</c> on the same switch has 198.51.100.254. Every namespace (and with it every veth) is deleted on dispose, and every
/// agent started with <see cref="StartAgentAsync"/> is killed first. Skips the test when not root.
/// </summary>
public sealed partial class FleetHostNamespaces : IAsyncDisposable
{
    public const string Nic = "eth0";
    private readonly List<RemoteAgentUnderTest> _agents = [];

    /// <param name="count">How many hosts.</param>
    /// <param name="prefix">The start of every namespace name, before 6 random hex digits: <c>ps-tf</c> for fleet
    /// tests, <c>ps-ks</c> for the simulated Kubernetes cluster's nodes (whose names become node names).</param>
    /// <param name="addressed">False leaves the hosts' eth0 without an address (IPv6 off): a User-Mode Linux kernel
    /// started in the namespace on eth0 (scripts/uml-run --vec transport=raw,ifname=eth0) is then the host, holding
    /// 198.51.100.K itself, and the namespace's own stack never answers for it.</param>
    public FleetHostNamespaces(int count, string prefix = "ps-tf", bool addressed = true)
    {
        Requires.Root("network namespaces");
        Prefix = prefix + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 3));
        Switch = Prefix + "sw";
        Hosts = Enumerable.Range(1, count).Select(k => $"{Prefix}h{k}").ToList();
        Runner = Prefix + "rn";
        try
        {
            NetworkNamespace.Create(Switch);
            Ip("-n", Switch, "link", "add", "br0", "type", "bridge");
            Ip("-n", Switch, "link", "set", "br0", "up");
            for (var k = 1; k <= count; k++)
            {
                var host = Hosts[k - 1];
                NetworkNamespace.Create(host);
                Ip("-n", Switch, "link", "add", $"p{k}", "type", "veth", "peer", "name", Nic, "netns", host);
                Ip("-n", Switch, "link", "set", $"p{k}", "master", "br0", "up");
                if (addressed)
                    Ip("-n", host, "addr", "add", $"{AddressOf(k)}/24", "dev", Nic);
                else if (Directory.Exists("/proc/sys/net/ipv6"))
                    Shell.Run("ip", "netns", "exec", host, "sysctl", "-q", "-w", $"net.ipv6.conf.{Nic}.disable_ipv6=1");
                Ip("-n", host, "link", "set", "lo", "up");
                Ip("-n", host, "link", "set", Nic, "up");
            }
            NetworkNamespace.Create(Runner);
            Ip("-n", Switch, "link", "add", "prn", "type", "veth", "peer", "name", Nic, "netns", Runner);
            Ip("-n", Switch, "link", "set", "prn", "master", "br0", "up");
            Ip("-n", Runner, "addr", "add", "198.51.100.254/24", "dev", Nic);
            Ip("-n", Runner, "link", "set", "lo", "up");
            Ip("-n", Runner, "link", "set", Nic, "up");
            if (addressed)
            {
                foreach (var host in Hosts)
                    WaitForLinkLocal(host);
            }
        }
        catch
        {
            DeleteNamespaces();
            throw;
        }
    }

    public string Prefix { get; }

    /// <summary>The switch's namespace; its bridge <c>br0</c> sees every frame between hosts.</summary>
    public string Switch { get; }

    public IReadOnlyList<string> Hosts { get; }

    /// <summary>Where the runner runs (<c>run --netns</c>): 198.51.100.254 on the switch, no host of the fleet.</summary>
    public string Runner { get; }

    public IReadOnlyList<RemoteAgentUnderTest> Agents => _agents;

    public static IPAddress AddressOf(int host) => IPAddress.Parse($"198.51.100.{host}");

    /// <summary>Starts <c>perfsuite agent --listen 198.51.100.K:0 --netns HOST --allow-lab --name hK --nic eth0</c> (and
    /// <paramref name="extra"/>) for host <paramref name="host"/> (1-based).</summary>
    public async Task<RemoteAgentUnderTest> StartAgentAsync(int host, string token, params string[] extra)
    {
        var netns = Hosts[host - 1];
        var agent = await RemoteAgentUnderTest.StartAsync(netns, AddressOf(host), token, 0,
            ["--netns", netns, "--allow-lab", "--name", NameOf(host), "--nic", Nic, .. extra]);
        _agents.Add(agent);
        return agent;
    }

    /// <summary>The --name of host K's agent: the fixture's prefix and K, so parallel fixtures never share a journal.</summary>
    public string NameOf(int host) => $"{Prefix}h{host}";

    /// <summary><c>--hosts</c> for every agent started, in host order.</summary>
    public string HostsArgument => string.Join(',', _agents.Select(a => a.EndPoint.ToString()));

    /// <summary>What a fleet run must leave as it found it on host K: <c>ethtool -k eth0</c>, addresses, routes, links
    /// (without their counters), and the host's view of the machine's namespaces that carry its name.</summary>
    public string StateOf(int host)
    {
        var netns = Hosts[host - 1];
        var features = Shell.Run("ip", "netns", "exec", netns, "ethtool", "-k", Nic);
        var addresses = Ip("-n", netns, "-br", "addr");
        var routes = Ip("-n", netns, "route", "show", "table", "all");
        var links = Ip("-n", netns, "-br", "link");
        var ownNamespaces = string.Join('\n', NetworkNamespace.List().Where(n => FleetLabNamespace().IsMatch(n)).Order(StringComparer.Ordinal));
        return $"{features}\n--\n{addresses}\n--\n{routes}\n--\n{links}\n--\n{ownNamespaces}";
    }

    /// <summary>Namespaces of a fleet run's labs (<c>ps-fXXXXN-…</c>, FleetTestbed's names).</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^ps-f[a-z0-9]{4}[0-9]{1,3}-")]
    private static partial System.Text.RegularExpressions.Regex FleetLabNamespace();

    /// <summary>A host's state includes the IPv6 link-local address the kernel adds once a device (eth0 unless
    /// <paramref name="device"/> says otherwise) is up (after duplicate address detection); a test compares states only
    /// once it is there. Kernels without IPv6 have none to wait for.</summary>
    public static void WaitForLinkLocal(string host, string device = Nic)
    {
        if (!Directory.Exists("/proc/sys/net/ipv6"))
            return;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var addresses = Ip("-n", host, "-6", "addr", "show", "dev", device);
            if (addresses.Contains("scope link", StringComparison.Ordinal) && !addresses.Contains("tentative", StringComparison.Ordinal))
                return;
            Thread.Sleep(100);
        }
    }

    public static string Ip(params string[] args) => Shell.Run("ip", args);

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents)
            await agent.DisposeAsync();
        // An agent killed mid-run leaves its journal: repair as its next start would, so nothing outlives the test.
        for (var k = 1; k <= Hosts.Count; k++)
        {
            try
            {
                Lab.Fleet.FleetSite.Repair(Lab.Fleet.FleetJournalStore.Default, NameOf(k), Lab.LabCleaner.Default);
            }
            catch (Model.Errors.PerfSuiteException)
            {
                // The host namespace may be the part that failed; deleting it below removes its NIC with it.
            }
        }
        DeleteNamespaces();
    }

    private void DeleteNamespaces()
    {
        foreach (var host in Hosts)
            NetworkNamespace.Delete(host, ignoreMissing: true);
        NetworkNamespace.Delete(Runner, ignoreMissing: true);
        NetworkNamespace.Delete(Switch, ignoreMissing: true);
    }
}
