using PerfSuite.Kernel.Netlink;
using PerfSuite.Model.Errors;

namespace PerfSuite.Lab;

/// <summary>
/// The devices a path carries its traffic through: every device that was up in the path's namespaces (its nodes and
/// pods) when the path's first cell began — underlay, bridge, tunnel devices, the pods' veths — each of which must
/// still be there and up, with its carrier where it had one, for a cell to be a measurement. Taken once per path and
/// kept, so that a device that went away in one cell fails the cells after it at once. Loopback and devices that
/// were down from the start (a kernel's fallback tunnel devices such as <c>tunl0</c>) are not the path's.
/// </summary>
public sealed class DatapathDevices
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<ExpectedDevice>> _byNamespace;

    private DatapathDevices(IReadOnlyDictionary<string, IReadOnlyList<ExpectedDevice>> byNamespace) => _byNamespace = byNamespace;

    /// <summary>The namespaces watched, in the order given.</summary>
    public IReadOnlyCollection<string> Namespaces => _byNamespace.Keys.ToList();

    /// <summary>How many devices are expected up, over all namespaces.</summary>
    public int Count => _byNamespace.Values.Sum(d => d.Count);

    /// <summary>The devices up now in <paramref name="namespaces"/> (a namespace that does not exist contributes none).</summary>
    public static DatapathDevices Snapshot(IEnumerable<string> namespaces) =>
        Of(namespaces.Distinct(StringComparer.Ordinal).Select(netns => (netns, TryDump(netns))));

    /// <summary>The devices up in each namespace's <paramref name="namespaces"/> links (null: the namespace does not
    /// exist, and contributes none).</summary>
    public static DatapathDevices Of(IEnumerable<(string Namespace, IReadOnlyList<LinkRecord>? Links)> namespaces)
    {
        var byNamespace = new Dictionary<string, IReadOnlyList<ExpectedDevice>>(StringComparer.Ordinal);
        foreach (var (netns, links) in namespaces)
        {
            byNamespace[netns] = (links ?? []).Where(l => !l.IsLoopback && l.IsUp)
                .Select(l => new ExpectedDevice(l.Name, HasCarrier(l.OperState))).ToList();
        }
        return new DatapathDevices(byNamespace);
    }

    /// <summary>Why the path's devices are not as they were (the first one found), reading each namespace afresh;
    /// null while every device is there and up.</summary>
    public string? Broken(string path) => Broken(path, TryDump);

    /// <summary>Why the path's devices are not as they were, from <paramref name="linksOf"/> (a namespace's links; null
    /// when the namespace is gone); null while every device is there and up.</summary>
    public string? Broken(string path, Func<string, IReadOnlyList<LinkRecord>?> linksOf)
    {
        foreach (var (netns, expected) in _byNamespace)
        {
            if (expected.Count == 0)
                continue;
            if (linksOf(netns) is not { } links)
                return $"the {path} datapath broke: network namespace {netns} is gone";
            foreach (var device in expected)
            {
                var link = links.FirstOrDefault(l => l.Name == device.Name);
                if (link is null)
                    return $"the {path} datapath broke: device {device.Name} in {netns} is gone";
                if (!link.IsUp)
                    return $"the {path} datapath broke: device {device.Name} in {netns} was set down";
                if (device.HadCarrier && !HasCarrier(link.OperState))
                    return $"the {path} datapath broke: device {device.Name} in {netns} lost its carrier (operstate {link.OperState})";
            }
        }
        return null;
    }

    /// <summary>Operational states in which a device passes traffic: UP, and UNKNOWN (tunnel devices, which have no
    /// carrier of their own, say UNKNOWN while up).</summary>
    private static bool HasCarrier(string operState) => operState is "UP" or "UNKNOWN";

    private static IReadOnlyList<LinkRecord>? TryDump(string netns)
    {
        try
        {
            return LinkTable.Dump(netns);
        }
        catch (PerfSuiteException e) when (e.Reason == ErrorReason.NotFound)
        {
            return null;
        }
    }

    private sealed record ExpectedDevice(string Name, bool HadCarrier);

    /// <summary>One rtnetlink client per namespace, opened once (a thread enters each namespace once, not at every
    /// poll), and the links each held at the last <see cref="Poll"/>: the device check and the stall check of one poll
    /// read the same dump. A namespace that could not be opened reads as gone.</summary>
    public sealed class Readers : IDisposable
    {
        private readonly Dictionary<string, RtnetlinkClient?> _clients = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IReadOnlyList<LinkRecord>?> _links = new(StringComparer.Ordinal);

        public Readers(IEnumerable<string> namespaces)
        {
            foreach (var netns in namespaces)
                _clients[netns] = Add(netns);
        }

        /// <summary>Reads every namespace's links once.</summary>
        public void Poll()
        {
            foreach (var (netns, client) in _clients)
                _links[netns] = client?.Links();
        }

        /// <summary>Namespace <paramref name="netns"/>'s links at the last poll; null when it is gone (or not watched, or
        /// before the first poll).</summary>
        public IReadOnlyList<LinkRecord>? Links(string netns) => _links.GetValueOrDefault(netns);

        public void Dispose()
        {
            foreach (var client in _clients.Values)
                client?.Dispose();
            _clients.Clear();
        }

        private static RtnetlinkClient? Add(string netns)
        {
            try
            {
                return RtnetlinkClient.Open(netns);
            }
            catch (PerfSuiteException e) when (e.Reason == ErrorReason.NotFound)
            {
                return null;
            }
        }
    }
}
