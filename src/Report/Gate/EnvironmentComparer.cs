using System.Globalization;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;

namespace PerfSuite.Report.Gate;

/// <summary>Lists what differs between the machines of two runs: kernel, CPU, memory, sysctls, and per
/// interface the driver, firmware, MTU, link speed and every offload feature whose state differs; the peer's too
/// in remote mode. A gate shows these before any number, because a regression on different hardware or kernel
/// is not a regression of the code.</summary>
/// <remarks>Interfaces are matched by name and namespace. Lab namespaces carry the lab's name
/// (<c>ps-&lt;lab&gt;-node1</c>), which may differ from run to run, so the prefix that all of a run's <c>ps-</c>
/// namespaces share is dropped before matching.</remarks>
public static class EnvironmentComparer
{
    private const string Absent = "absent";

    /// <summary>Memory totals within this fraction are the same machine (MemTotal moves by a few MB between
    /// kernels as reservations change).</summary>
    private const double MemoryTolerance = 0.02;

    /// <summary>Two fleet runs compare their hosts, matched by name (each host's kernel, CPU, sysctls and NIC under
    /// test, with the devices under it), and not their runners, which only started the runs and carry no measured
    /// packet. A fleet run against a one-host run differs in the hosts as well as in everything else.</summary>
    public static IReadOnlyList<EnvironmentDifference> Compare(RunEnvironment baseline, RunEnvironment current)
    {
        var differences = new List<EnvironmentDifference>();
        var fleets = (A: baseline.Hosts is { Count: > 0 }, B: current.Hosts is { Count: > 0 });
        if (fleets is (true, true))
        {
            CompareHosts(baseline.Hosts!, current.Hosts!, differences);
            return differences;
        }
        Compare(baseline, current, "", differences, qualified: true);
        if (fleets.A || fleets.B)
        {
            static string? Names(RunEnvironment e) => e.Hosts is { Count: > 0 } hosts ? string.Join(", ", hosts.Select(h => h.Name)) : null;
            differences.Add(new EnvironmentDifference("fleet hosts", Names(baseline) ?? Absent, Names(current) ?? Absent));
        }
        return differences;
    }

    private static void CompareHosts(IReadOnlyList<FleetHost> a, IReadOnlyList<FleetHost> b, List<EnvironmentDifference> differences)
    {
        foreach (var name in a.Select(h => h.Name).Concat(b.Select(h => h.Name)).Distinct(StringComparer.Ordinal))
        {
            var x = a.FirstOrDefault(h => h.Name == name);
            var y = b.FirstOrDefault(h => h.Name == name);
            if (x is null || y is null)
            {
                differences.Add(new EnvironmentDifference($"host {name}", x is null ? Absent : "present", y is null ? Absent : "present"));
                continue;
            }
            if (x.Nic != y.Nic)
                differences.Add(new EnvironmentDifference($"host {name} NIC under test", x.Nic, y.Nic));
            Compare(x.Environment, y.Environment, $"host {name} ", differences, qualified: false);
        }
    }

    /// <param name="qualified">Whether interfaces are named with their namespace ("node1/eth0"): a fleet host's
    /// snapshot is of one namespace, the host itself, so its interfaces go by their names.</param>
    private static void Compare(RunEnvironment a, RunEnvironment b, string prefix, List<EnvironmentDifference> differences, bool qualified)
    {
        void Add(string item, string? x, string? y)
        {
            if (!string.Equals(x, y, StringComparison.Ordinal))
                differences.Add(new EnvironmentDifference(prefix + item, Shown(x), Shown(y)));
        }

        Add("kernel", a.Kernel, b.Kernel);
        Add("CPU model", a.CpuModel, b.CpuModel);
        Add("CPU count", a.CpuCount.ToString(CultureInfo.InvariantCulture), b.CpuCount.ToString(CultureInfo.InvariantCulture));
        if (Math.Abs(a.MemoryBytes - b.MemoryBytes) > MemoryTolerance * Math.Max(a.MemoryBytes, b.MemoryBytes))
            Add("memory", Gibibytes(a.MemoryBytes), Gibibytes(b.MemoryBytes));
        foreach (var key in a.Sysctls.Keys.Union(b.Sysctls.Keys).Order(StringComparer.Ordinal))
            Add($"sysctl {key}", a.Sysctls.GetValueOrDefault(key), b.Sysctls.GetValueOrDefault(key));

        var interfacesA = Interfaces(a.Probe, qualified);
        var interfacesB = Interfaces(b.Probe, qualified);
        foreach (var key in interfacesA.Keys.Union(interfacesB.Keys).Order(StringComparer.Ordinal))
        {
            var x = interfacesA.GetValueOrDefault(key);
            var y = interfacesB.GetValueOrDefault(key);
            if (x is null || y is null)
            {
                Add($"interface {key}", x is null ? null : "present", y is null ? null : "present");
                continue;
            }
            CompareInterface(key, x, y, Add);
        }

        if (a.Peer is not null || b.Peer is not null)
        {
            if (a.Peer is null || b.Peer is null)
                Add("peer host", a.Peer?.Hostname, b.Peer?.Hostname);
            else
                Compare(a.Peer, b.Peer, prefix + "peer ", differences, qualified);
        }
    }

    private static void CompareInterface(string key, InterfaceSnapshot x, InterfaceSnapshot y, Action<string, string?, string?> add)
    {
        add($"{key} MTU", x.Mtu.ToString(CultureInfo.InvariantCulture), y.Mtu.ToString(CultureInfo.InvariantCulture));
        add($"{key} kind", x.Kind, y.Kind);
        add($"{key} driver", x.Driver?.Driver, y.Driver?.Driver);
        add($"{key} driver version", x.Driver?.Version, y.Driver?.Version);
        add($"{key} firmware", x.Driver?.FirmwareVersion, y.Driver?.FirmwareVersion);
        add($"{key} link speed", Speed(x.Link), Speed(y.Link));
        add($"{key} channels", Channels(x.Channels), Channels(y.Channels));
        add($"{key} rings", Rings(x.Rings), Rings(y.Rings));
        // Files written before the root qdisc was recorded have none: only two recorded qdiscs can differ.
        if (x.Qdisc is not null && y.Qdisc is not null)
            add($"{key} qdisc", x.Qdisc, y.Qdisc);
        var featuresX = x.Features.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var featuresY = y.Features.ToDictionary(f => f.Name, StringComparer.Ordinal);
        foreach (var name in featuresX.Keys.Union(featuresY.Keys).Order(StringComparer.Ordinal))
            add($"{key} feature {name}", State(featuresX.GetValueOrDefault(name)), State(featuresY.GetValueOrDefault(name)));
    }

    /// <summary>Interfaces of every probe snapshot by "namespace/name" ("host/eth0", "node1/flannel.1"), or by name
    /// alone when not <paramref name="qualified"/>.</summary>
    private static Dictionary<string, InterfaceSnapshot> Interfaces(IReadOnlyList<ProbeDocument> probes, bool qualified)
    {
        if (!qualified)
        {
            var named = new Dictionary<string, InterfaceSnapshot>(StringComparer.Ordinal);
            foreach (var snapshot in probes.SelectMany(p => p.Interfaces))
                named.TryAdd(snapshot.Name, snapshot);
            return named;
        }
        var labPrefix = LabPrefix(probes.Select(p => p.Netns).OfType<string>().Where(n => n.StartsWith("ps-", StringComparison.Ordinal)).ToList());
        var interfaces = new Dictionary<string, InterfaceSnapshot>(StringComparer.Ordinal);
        foreach (var probe in probes)
        {
            var netns = probe.Netns switch
            {
                null or "" => "host",
                var n when labPrefix.Length > 0 && n.StartsWith(labPrefix, StringComparison.Ordinal) && n.Length > labPrefix.Length => n[labPrefix.Length..],
                var n => n,
            };
            foreach (var snapshot in probe.Interfaces)
                interfaces.TryAdd($"{netns}/{snapshot.Name}", snapshot);
        }
        return interfaces;
    }

    /// <summary>The longest common prefix of the lab namespaces, cut back to its last '-': "ps-mylab-" for
    /// ps-mylab-node1 and ps-mylab-node2.</summary>
    private static string LabPrefix(List<string> names)
    {
        if (names.Count == 0)
            return "";
        var prefix = names[0];
        foreach (var name in names)
        {
            var length = 0;
            while (length < prefix.Length && length < name.Length && prefix[length] == name[length])
                length++;
            prefix = prefix[..length];
        }
        var dash = prefix.LastIndexOf('-');
        return dash >= "ps".Length ? prefix[..(dash + 1)] : "";
    }

    /// <summary>A value as a difference shows it: "absent" when not recorded, "empty" when recorded empty (a driver
    /// that reports no firmware version).</summary>
    private static string Shown(string? value) => value is null ? Absent : value.Length == 0 ? "empty" : value;

    private static string? State(FeatureState? feature) => feature is null ? null : feature.Active ? "on" : "off";

    private static string? Speed(LinkSettings? link) =>
        link?.SpeedMbps is { } mbps ? string.Create(CultureInfo.InvariantCulture, $"{mbps} Mb/s") : null;

    private static string? Channels(ChannelParams? c) =>
        c is null ? null : string.Create(CultureInfo.InvariantCulture, $"rx {c.Rx} tx {c.Tx} combined {c.Combined}");

    private static string? Rings(RingParams? r) =>
        r is null ? null : string.Create(CultureInfo.InvariantCulture, $"rx {r.Rx} tx {r.Tx}");

    private static string Gibibytes(long bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB");
}
