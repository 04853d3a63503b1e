using PerfSuite.Model.Probe;

namespace PerfSuite.Report.Compare;

/// <summary>One interface as compare sees it, whichever kind of input it came from. A part the input does not
/// carry is null, and <see cref="Missing"/> says why (a dump has no link settings; a driver may not report rings).</summary>
/// <param name="Name">Interface name.</param>
/// <param name="Netns">The network namespace it was probed in ("host" for the caller's own); null for a dump.</param>
/// <param name="Kind">rtnetlink kind ("veth", "vxlan", "loopback"), or null for a physical NIC. For a dump it is
/// inferred from the driver ethtool -i names, or from the loopback feature.</param>
/// <param name="Missing">Why a part is null, by part: "link", "rings", "channels", "driver".</param>
public sealed record ComparedInterface(
    string Name,
    string? Netns,
    string? Kind,
    int? Mtu,
    string? OperState,
    DriverInfo? Driver,
    IReadOnlyList<FeatureState> Features,
    LinkSettings? Link,
    RingParams? Rings,
    ChannelParams? Channels,
    TunnelInfo? Tunnel,
    IReadOnlyDictionary<string, string> Missing,
    IReadOnlyList<string> Notes)
{
    /// <summary>Drivers of virtual devices as <c>ethtool -i</c> names them: on these an "on" offload hands the
    /// packet on unsegmented instead of to hardware.</summary>
    private static readonly HashSet<string> VirtualDrivers = new(StringComparer.Ordinal)
    {
        "veth", "vxlan", "bridge", "tun", "macvlan", "macvtap", "ipvlan", "dummy", "wireguard", "geneve", "bonding",
        "team", "openvswitch", "vrf", "ipip", "ip_gre", "ip6_gre", "ip6_tunnel", "sit", "ifb", "nlmon", "vcan",
    };

    /// <summary>A device without hardware behind it (veth, bridge, tunnel, loopback).</summary>
    public bool IsVirtual => Kind is not null;

    /// <summary>"node1/eth0", or just the name for the host namespace and for dumps.</summary>
    public string QualifiedName => Netns is null or "host" ? Name : $"{Netns}/{Name}";

    public static ComparedInterface FromSnapshot(InterfaceSnapshot snapshot, string netns)
    {
        var missing = new Dictionary<string, string>(StringComparer.Ordinal);
        void Explain(string part, string notePrefix, object? value)
        {
            if (value is null)
                missing[part] = snapshot.Notes.FirstOrDefault(n => n.StartsWith(notePrefix + ":", StringComparison.Ordinal)) is { } note
                    ? note[(notePrefix.Length + 1)..].Trim()
                    : "not in the snapshot";
        }
        Explain("driver", "driver", snapshot.Driver);
        Explain("link", "link settings", snapshot.Link);
        Explain("rings", "rings", snapshot.Rings);
        Explain("channels", "channels", snapshot.Channels);
        return new ComparedInterface(snapshot.Name, netns, snapshot.Kind, snapshot.Mtu, snapshot.OperState, snapshot.Driver,
            snapshot.Features, snapshot.Link, snapshot.Rings, snapshot.Channels, snapshot.Tunnel, missing, snapshot.Notes);
    }

    public static ComparedInterface FromDump(EthtoolDumpInterface dumped)
    {
        const string NotInDump = "not in ethtool -k/-i output";
        var missing = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["link"] = NotInDump,
            ["rings"] = NotInDump,
            ["channels"] = NotInDump,
        };
        if (dumped.Driver is null)
            missing["driver"] = dumped.Notes.FirstOrDefault(n => n.StartsWith("Cannot get driver information", StringComparison.Ordinal)) is { } note
                ? $"ethtool -i: {note["Cannot get driver information".Length..].TrimStart(':', ' ')}"
                : "no ethtool -i output in the dump";
        var loopback = dumped.Features.Any(f => f.Name == "loopback" && f.Active && f.Fixed);
        var kind = loopback ? "loopback"
            : dumped.Driver?.Driver is { } driver && VirtualDrivers.Contains(driver) ? driver
            : null;
        return new ComparedInterface(dumped.Name, null, kind, null, null, dumped.Driver, dumped.Features, null, null, null,
            null, missing, dumped.Notes);
    }
}
