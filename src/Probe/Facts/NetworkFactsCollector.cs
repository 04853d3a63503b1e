
using PerfSuite.Kernel;
using PerfSuite.Kernel.Netlink;
using PerfSuite.Kernel.Proc;
using PerfSuite.Kernel.Sysctl;
using PerfSuite.Kernel.Sysfs;
using PerfSuite.Probe.Snapshots;

namespace PerfSuite.Probe.Facts;

/// <summary>Reads the <see cref="NetworkFacts"/> of one network namespace: the probe@1 snapshot of every interface,
/// links and IPv4 routes over rtnetlink, the sysctls the rules look at (inside the namespace, and the host's own
/// value for the host-wide ones), RPS masks through a sysfs mounted for the namespace, softnet counters and the
/// CPU count. Reads only.</summary>
public static class NetworkFactsCollector
{
    /// <summary>The sysctls the rules use.</summary>
    public static IReadOnlyList<string> SysctlKeys { get; } =
    [
        "net.ipv4.ip_forward",
        "net.ipv4.tcp_rmem",
        "net.ipv4.tcp_wmem",
        "net.core.rmem_max",
        "net.core.wmem_max",
        "net.core.netdev_max_backlog",
        "net.ipv4.tcp_slow_start_after_idle",
        "net.ipv4.tcp_notsent_lowat",
    ];

    public static NetworkFacts Collect(string? netns)
    {
        var probe = InterfaceProber.Probe(netns, []);
        IReadOnlyList<LinkRecord> links;
        IReadOnlyList<RouteRecord> routes;
        using (var rtnetlink = RtnetlinkClient.Open(netns))
        {
            links = rtnetlink.Links();
            routes = rtnetlink.Routes();
        }
        var names = links.ToDictionary(l => l.Index, l => l.Name);
        var linkFacts = links.Select(l => new LinkFacts(
            l.Name, l.MinMtu, l.MaxMtu,
            l.Kind == "veth" && l.LinkNetnsId is null ? l.LinkIndex : null,
            l.Kind == "veth" && l.LinkNetnsId is not null)).ToList();
        const byte unicast = 1;
        var routeFacts = routes
            .Where(r => r.Type == unicast)
            .Select(r => new RouteFacts(r.Destination.ToString(), r.Gateway?.ToString(),
                r.OutputIndex is { } index ? names.GetValueOrDefault(index) : null, r.Mtu, r.Table))
            .ToList();
        var rps = ReceivePacketSteering.Read(netns, probe.Interfaces.Select(i => i.Name).ToList());
        return new NetworkFacts(probe, linkFacts, routeFacts, ReadSysctls(netns), rps, ReadSoftnet(), Environment.ProcessorCount);
    }

    /// <summary>Inside a namespace, a sysctl it does not have (netdev_max_backlog) or shows read-only (rmem_max) is
    /// host-wide: its value is read in the caller's namespace and marked as the host's.</summary>
    internal static IReadOnlyList<SysctlFact> ReadSysctls(string? netns)
    {
        var inside = NamespaceSysctl.ReadStates(netns, SysctlKeys);
        if (netns is null)
            return inside.Select(s => new SysctlFact(s.Key, s.Value, s.Writable, SysctlScope.Namespace)).ToList();
        var hostWide = inside.Where(s => s.Value is null || !s.Writable).Select(s => s.Key).ToList();
        var host = NamespaceSysctl.ReadStates(null, hostWide).ToDictionary(s => s.Key);
        return inside.Select(s => host.TryGetValue(s.Key, out var h)
                ? new SysctlFact(s.Key, h.Value, h.Writable, SysctlScope.Host)
                : new SysctlFact(s.Key, s.Value, s.Writable, SysctlScope.Namespace))
            .ToList();
    }

    private static SoftnetCounters? ReadSoftnet()
    {
        if (!File.Exists(SystemPaths.SoftnetStat))
            return null;
        var rows = SoftnetStatParser.Parse(File.ReadAllText(SystemPaths.SoftnetStat));
        return new SoftnetCounters(rows.Sum(r => r.Processed), rows.Sum(r => r.Dropped), rows.Sum(r => r.TimeSqueezed));
    }
}
