using System.Globalization;
using PerfSuite.Model.Ceiling;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;

namespace PerfSuite.Report.Analysis;

/// <summary>The NICs under test of a fleet run's hosts, from the snapshots their agents took at the start (the NIC and
/// the devices under it). In a fleet run the runner's own environment is only where the run was started from: its
/// interfaces carry no measured packet, so the wire, the line rate and the network the report names are the hosts'.</summary>
internal static class FleetNics
{
    /// <summary>Whether the run is a fleet run: its environment lists the hosts measured.</summary>
    public static bool IsFleet(RunEnvironment environment) => environment.Hosts is { Count: > 0 };

    /// <summary>The host's NIC under test as its snapshot recorded it; null when the snapshot lacks it.</summary>
    public static InterfaceSnapshot? Nic(FleetHost host) =>
        host.Environment.Probe.SelectMany(p => p.Interfaces).FirstOrDefault(i => i.Name == host.Nic);

    /// <summary>The line rate of the host's NIC under test, as the runner reads it (<see cref="WireLineRate"/>): a
    /// physical NIC's link speed, or a VLAN's physical parent's; null when there is none (a veth, a bond, a NIC without a
    /// speed, a link that is down).</summary>
    public static WireLineRate? LineRate(FleetHost host) => WireLineRate.Of(host.Environment.Probe, host.Nic, host.Name);

    /// <summary>"ens1f0 (mlx5_core, 25 Gb/s)", "eth0.100 (vlan over eth0, ice, 100 Gb/s)", "eth0 (veth, no wire)".</summary>
    public static string Describe(FleetHost host)
    {
        var nic = Nic(host);
        var wire = LineRate(host)?.Device;
        var parts = new List<string>();
        if (nic?.Kind is { } kind)
            parts.Add(wire is not null && wire != nic ? $"{kind} over {wire.Name}" : kind);
        if ((wire ?? nic)?.Driver is { Driver.Length: > 0 } driver && driver.Driver != nic?.Kind)
            parts.Add(driver.Driver);
        parts.Add(wire is not null
            ? $"{Gbps(wire.Link!.SpeedMbps!.Value)} Gb/s"
            : nic is null ? "not in its snapshot" : nic.Kind is null ? "no link speed reported" : "no wire");
        return $"{host.Nic} ({string.Join(", ", parts)})";
    }

    /// <summary>Every host's NIC under test, alike ones together: "eth0 (veth, no wire) on 3 hosts",
    /// "ens1f0 (mlx5_core, 25 Gb/s) on a, b; ens1f0 (ice, 100 Gb/s) on c".</summary>
    public static string Summary(IReadOnlyList<FleetHost> hosts)
    {
        var groups = hosts.GroupBy(Describe, StringComparer.Ordinal).ToList();
        return groups.Count == 1
            ? $"{groups[0].Key} on {(hosts.Count == 1 ? "1 host" : $"all {hosts.Count.ToString(CultureInfo.InvariantCulture)} hosts")}"
            : string.Join("; ", groups.Select(g => $"{g.Key} on {string.Join(", ", g.Select(h => h.Name))}"));
    }

    /// <summary>The slowest wire under any host's NIC under test, and where it is; null when no NIC has a speed.</summary>
    public static LineRate? SlowestLineRate(IReadOnlyList<FleetHost> hosts)
    {
        var rates = hosts.Select(LineRate).OfType<WireLineRate>().ToList();
        if (rates.Count == 0)
            return null;
        var slowest = rates.MinBy(r => r.Bps)!;
        var of = rates.Count == hosts.Count ? ""
            : string.Create(CultureInfo.InvariantCulture, $" ({rates.Count} of {hosts.Count} NICs under test report a link speed)");
        return new LineRate(slowest.Bps, $"{slowest.Description}, the slowest NIC under test{of}");
    }

    private static string Gbps(uint mbps) => (mbps / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);
}
