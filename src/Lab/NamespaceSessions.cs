using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Netlink;
using PerfSuite.Kernel.Sysctl;

namespace PerfSuite.Lab;

/// <summary>
/// The lab's namespaces and one rtnetlink client in each. Creating one also sets its sysctls and opens its
/// socket in a single visit of a thread inside it, so bring-up costs two thread starts per namespace and no
/// processes. Disposing closes the sockets (the namespaces stay until they are deleted).
/// </summary>
internal sealed class NamespaceSessions : IDisposable
{
    /// <summary>Every lab namespace: IPv6 off, so no router solicitations, DAD or MLD reports cross the underlay
    /// and pollute captures and measurements; the lab is IPv4 like the design's address plan.</summary>
    private static readonly (string, string)[] Common =
    [
        ("net.ipv6.conf.all.disable_ipv6", "1"),
        ("net.ipv6.conf.default.disable_ipv6", "1"),
    ];

    /// <summary>Nodes route between their pods, the underlay and the tunnels.</summary>
    private static readonly (string, string)[] Node = [.. Common, ("net.ipv4.ip_forward", "1")];

    private readonly Dictionary<string, RtnetlinkClient> _clients = new(StringComparer.Ordinal);

    public RtnetlinkClient this[string netns] =>
        _clients.TryGetValue(netns, out var client) ? client : Open(netns);

    public void CreateNode(string netns) => Create(netns, Node);

    public void CreatePod(string netns) => Create(netns, Common);

    /// <summary>Closes the client of a namespace that is about to be deleted.</summary>
    public void Forget(string netns)
    {
        if (_clients.Remove(netns, out var client))
            client.Dispose();
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
            client.Dispose();
        _clients.Clear();
    }

    private void Create(string netns, (string, string)[] sysctls)
    {
        NetworkNamespace.Create(netns);
        _clients[netns] = NetworkNamespace.Run(netns, () =>
        {
            // A kernel without IPv6 (built without it, or booted with ipv6.disable=1) has no net.ipv6 sysctls and
            // nothing to silence: those settings are skipped there instead of failing the lab.
            NamespaceSysctl.WriteInCurrentNamespace(netns, Directory.Exists("/proc/sys/net/ipv6")
                ? sysctls
                : [.. sysctls.Where(s => !s.Item1.StartsWith("net.ipv6.", StringComparison.Ordinal))]);
            var client = RtnetlinkClient.OpenInCurrentNamespace(netns);
            try
            {
                client.SetLink("lo", up: true);
                return client;
            }
            catch
            {
                client.Dispose();
                throw;
            }
        });
    }

    private RtnetlinkClient Open(string netns)
    {
        var client = RtnetlinkClient.Open(netns);
        _clients[netns] = client;
        return client;
    }
}
