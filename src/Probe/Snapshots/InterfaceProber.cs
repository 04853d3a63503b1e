using PerfSuite.Kernel;
using PerfSuite.Kernel.Ethtool;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Kernel.Netlink;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Json;
using PerfSuite.Model.Probe;

namespace PerfSuite.Probe.Snapshots;

/// <summary>Takes the <c>perfsuite/probe@1</c> snapshot of a network namespace: the link table over rtnetlink
/// (MTU, state, kind, master, queues, tunnel parameters) and, per interface, everything SIOCETHTOOL reports.
/// A part the driver does not implement (EOPNOTSUPP) is left null and explained in the interface's notes.
/// Needs no privilege.</summary>
public static class InterfaceProber
{
    /// <summary>Probes <paramref name="interfaces"/> (all of them when empty) in namespace
    /// <paramref name="netns"/> (the caller's own when null). A requested interface that does not exist fails
    /// with <see cref="ErrorReason.NotFound"/>.</summary>
    public static ProbeDocument Probe(string? netns, IReadOnlyList<string> interfaces)
    {
        foreach (var name in interfaces)
            InterfaceName.Validate(name);
        if (netns is not null)
            NetworkNamespace.Validate(netns);
        var label = netns ?? NetworkNamespace.HostName;
        var snapshots = NetworkNamespace.Run(netns, () =>
        {
            using var netlink = new NetlinkSocket();
            var links = LinkTable.Dump(netlink, label);
            using var ethtool = EthtoolClient.Open();
            var selected = Select(links, interfaces, label);
            var result = new List<InterfaceSnapshot>(selected.Count);
            foreach (var link in selected)
            {
                try
                {
                    result.Add(Snapshot(link, links, ethtool));
                }
                catch (PerfSuiteException e) when (e.Reason == ErrorReason.NotFound && interfaces.Count == 0)
                {
                    // Deleted between the link dump and the ethtool calls: it is no longer part of "every interface".
                }
            }
            return result;
        });
        return new ProbeDocument(Schemas.Probe, ReadLine(SystemPaths.Hostname), ReadLine(SystemPaths.KernelRelease),
            netns, DateTimeOffset.UtcNow, snapshots);
    }

    private static List<LinkRecord> Select(IReadOnlyList<LinkRecord> links, IReadOnlyList<string> names, string label)
    {
        if (names.Count == 0)
            return [.. links];
        var byName = links.ToDictionary(l => l.Name, StringComparer.Ordinal);
        return names.Distinct(StringComparer.Ordinal)
            .Select(n => byName.GetValueOrDefault(n)
                ?? throw new PerfSuiteException(ErrorReason.NotFound, $"no interface '{n}' in network namespace '{label}'"))
            .ToList();
    }

    private static InterfaceSnapshot Snapshot(LinkRecord link, IReadOnlyList<LinkRecord> links, EthtoolClient ethtool)
    {
        var notes = new List<string>();
        var name = link.Name;
        // Features come first: GFEATURES works for every device, so a vanished interface fails here, before
        // anything is recorded as "not reported".
        var features = ethtool.GetFeatures(name).Features;
        var driver = Optional(() => ethtool.GetDriverInfo(name), "driver", notes);
        var linkSettings = Optional(() => ethtool.GetLinkSettings(name), "link settings", notes);
        var rings = Optional(() => ethtool.GetRings(name), "rings", notes);
        var channels = Optional(() => ethtool.GetChannels(name), "channels", notes);
        var coalesce = Optional(() => ethtool.GetCoalesce(name), "coalescing", notes);
        var master = link.MasterIndex is { } m ? links.FirstOrDefault(l => l.Index == m)?.Name : null;
        var tunnel = link.Tunnel;
        if (tunnel?.UnderlayDevice is { } underlay && int.TryParse(underlay, out var underlayIndex)
            && links.FirstOrDefault(l => l.Index == underlayIndex) is { } underlayLink)
            tunnel = tunnel with { UnderlayDevice = underlayLink.Name };
        return new InterfaceSnapshot(name, link.Index, link.Kind ?? (link.IsLoopback ? "loopback" : null), link.Mtu,
            link.OperState, master, link.MacAddress, link.TxQueues, link.RxQueues, driver, features, linkSettings,
            rings, channels, coalesce, tunnel, notes, link.Qdisc);
    }

    private static T? Optional<T>(Func<T> read, string part, List<string> notes) where T : class
    {
        try
        {
            return read();
        }
        catch (PerfSuiteException e) when (e.Reason == ErrorReason.NotSupported)
        {
            notes.Add($"{part}: not reported by this driver");
            return null;
        }
    }

    private static string ReadLine(string path) => File.ReadAllText(path).Trim();
}
