using System.Net;
using PerfSuite.Model.Datapaths;

namespace PerfSuite.Lab.Fleet;

/// <summary>
/// Addresses of a fleet run's node namespaces on the NIC's wire. Every path's node namespace on a host has its own
/// macvlan of the NIC, so each path gets its own /24 of the benchmarking range (RFC 2544): host N's node of the path
/// with index P in <see cref="Datapath.All"/> is 198.18.(P+1).N; the lab's 198.18.0.0/24 stays the lab's. Paths never
/// answer each other's ARP, and nothing a real network routes is used. Pod CIDRs are the lab's (10.42.N.0/24), which
/// live only inside the node namespaces.
/// </summary>
public static class FleetAddressing
{
    public const int UnderlayPrefixLength = 24;

    /// <summary>Hosts are numbered 1..N by the runner; the last octet holds them.</summary>
    public const int MaxHosts = 250;

    public static IPAddress Underlay(Datapath path, int host) =>
        new([198, 18, checked((byte)(PathIndex(path) + 1)), checked((byte)host)]);

    private static int PathIndex(Datapath path)
    {
        for (var i = 0; i < Datapath.All.Count; i++)
        {
            if (Datapath.All[i] == path)
                return i;
        }
        throw new ArgumentOutOfRangeException(nameof(path), path.Name, "not a known datapath");
    }
}
