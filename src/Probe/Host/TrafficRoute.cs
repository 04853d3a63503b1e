using System.Net;
using PerfSuite.Kernel.Netlink;
using PerfSuite.Model.Errors;

namespace PerfSuite.Probe.Host;

/// <summary>How a host reaches its peer: the kernel's own routing decision (<c>ip route get PEER</c>), not a guess from
/// addresses, so a server with a management NIC and a NIC under test names the one the traffic really crosses.</summary>
/// <param name="Interface">The route's output device.</param>
/// <param name="Mtu">The MTU the traffic gets: the route's MTU metric when it is smaller than the device's, else the device's.</param>
/// <param name="Source">The source address the kernel picks towards the peer; the peer routes back to it.</param>
/// <param name="Devices">The device and those under it (a VLAN's parent, a bond's ports): the interfaces whose offloads
/// shape the traffic, which the environment's probe snapshot covers.</param>
public sealed record TrafficRoute(string Interface, int Mtu, IPAddress? Source, IReadOnlyList<string> Devices)
{
    /// <summary>Bonds nest in VLANs nest in bonds only so deep; the bound keeps a malformed link table from looping.</summary>
    private const int MaxDevices = 32;

    /// <summary>The route from namespace <paramref name="netns"/> (null: the caller's own) to <paramref name="peer"/>.
    /// No route (ENETUNREACH, a blackhole) fails with the kernel's reason.</summary>
    public static TrafficRoute To(IPAddress peer, string? netns)
    {
        using var rtnetlink = RtnetlinkClient.Open(netns);
        var route = rtnetlink.RouteTo(peer);
        var links = rtnetlink.Links();
        var device = links.FirstOrDefault(l => l.Index == route.OutputIndex)
            ?? throw new PerfSuiteException(ErrorReason.NotFound,
                $"the route to {peer} in network namespace '{rtnetlink.Namespace}' names no interface of it");
        var mtu = route.Mtu is > 0 and var routeMtu && routeMtu < device.Mtu ? routeMtu : device.Mtu;
        return new TrafficRoute(device.Name, mtu, route.PreferredSource, Under(device, links));
    }

    /// <summary>The device, then what it is built on: a VLAN's or macvlan's parent (IFLA_LINK) and a bond's or bridge's
    /// ports (their IFLA_MASTER), breadth first. A veth's IFLA_LINK is its peer, the other end of the wire, so it is
    /// not followed.</summary>
    public static IReadOnlyList<string> Under(LinkRecord top, IReadOnlyList<LinkRecord> links)
    {
        var names = new List<string>();
        var pending = new Queue<LinkRecord>([top]);
        while (pending.TryDequeue(out var link) && names.Count < MaxDevices)
        {
            if (names.Contains(link.Name, StringComparer.Ordinal))
                continue;
            names.Add(link.Name);
            if (link.Kind is "vlan" or "macvlan" or "ipvlan" && link.LinkNetnsId is null
                && links.FirstOrDefault(l => l.Index == link.LinkIndex) is { } parent)
                pending.Enqueue(parent);
            foreach (var port in links.Where(l => l.MasterIndex == link.Index))
                pending.Enqueue(port);
        }
        return names;
    }
}
