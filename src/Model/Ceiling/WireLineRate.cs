using System.Globalization;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;

namespace PerfSuite.Model.Ceiling;

/// <summary>The line rate of the wire under a host's traffic interface, from its probe snapshot: a physical NIC's link
/// speed (ETHTOOL_GLINKSETTINGS), or for a VLAN the speed of the physical NIC under it, with the 4-byte tag on every
/// frame. Anything else has no line rate to know: a veth or a bridge has no wire (the 10000 Mb/s a veth reports is a
/// constant), and one stream over a bond rides one port, not the bond's sum.</summary>
/// <param name="Bps">Line rate in bit/s.</param>
/// <param name="VlanTagged">The frames carry an 802.1Q tag.</param>
/// <param name="Description">Where the rate comes from ("link speed of eth1 (mlx5_core) on host-b").</param>
/// <param name="Device">The physical device whose link speed it is (the interface itself, or the one under a VLAN).</param>
public sealed record WireLineRate(double Bps, bool VlanTagged, string Description, InterfaceSnapshot Device)
{
    /// <summary>The line rate under <see cref="RunEnvironment.TrafficInterface"/>; null when there is none to know.</summary>
    public static WireLineRate? Of(RunEnvironment environment) =>
        environment.TrafficInterface is { } name ? Of(environment.Probe, name, environment.Hostname) : null;

    /// <summary>The line rate under interface <paramref name="name"/> of host <paramref name="host"/>, from the probe
    /// snapshot that holds it and the devices under it; null when there is none to know. A fleet host's NIC under test
    /// is read this way, from the snapshot its agent takes of it.</summary>
    public static WireLineRate? Of(IReadOnlyList<ProbeDocument> probes, string name, string host)
    {
        var probe = probes.FirstOrDefault(p => p.Interfaces.Any(i => i.Name == name));
        var top = probe?.Interfaces.First(i => i.Name == name);
        if (probe is null || top is null)
            return null;
        if (IsPhysical(top))
            return SpeedBps(top) is { } bps ? new WireLineRate(bps, false, Describe(top, host), top) : null;
        if (top.Kind != "vlan")
            return null;
        // The probe holds the VLAN and the devices under it (TrafficRoute.Devices): its physical parent, or the
        // ports of a bond under it, of which one stream uses one.
        var wire = probe.Interfaces.Where(i => i != top && IsPhysical(i) && SpeedBps(i) is not null).MinBy(i => SpeedBps(i));
        return wire is null ? null : new WireLineRate(SpeedBps(wire)!.Value, true, Describe(wire, host) + $" under VLAN {name}", wire);
    }

    private static bool IsPhysical(InterfaceSnapshot i) => i.Kind is null && i.Name != "lo";

    /// <summary>SPEED_UNKNOWN is (u32)-1; a link that is down has no rate either.</summary>
    private static double? SpeedBps(InterfaceSnapshot i) =>
        i.Link is { SpeedMbps: > 0 and < uint.MaxValue and var mbps, LinkDetected: not false } ? mbps * 1e6 : null;

    private static string Describe(InterfaceSnapshot i, string host)
    {
        var driver = i.Driver is { Driver.Length: > 0 } d ? $" ({d.Driver})" : "";
        return string.Create(CultureInfo.InvariantCulture, $"link speed of {i.Name}{driver} on {host}, {i.Link!.SpeedMbps} Mb/s");
    }
}
