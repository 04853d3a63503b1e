using PerfSuite.Model.Datapaths;

namespace PerfSuite.Probe.Topology;

/// <summary>A device that encapsulates pod traffic, with the MTU range that fits its underlay: the underlay MTU
/// minus the encapsulation overhead over IPv4 (<see cref="ExpectedMax"/>) and over IPv6 (<see cref="ExpectedMin"/>);
/// both are the same when the outer address family is known. <see cref="Proposed"/> is the value proposed when the
/// MTU is outside the range: the exact one when the family is known, else the one that fits either.</summary>
public sealed record TunnelDevice(
    string Name,
    Datapath Datapath,
    CniFlavour Flavour,
    int Mtu,
    string UnderlayName,
    int UnderlayMtu,
    bool? Ipv6Outer,
    int ExpectedMin,
    int ExpectedMax)
{
    public int Proposed => ExpectedMin;

    public string OverheadText => Ipv6Outer switch
    {
        true => $"{Datapath.OverheadIpv6} bytes over IPv6",
        false => $"{Datapath.OverheadIpv4} bytes over IPv4",
        null => Datapath.OverheadIpv4 == Datapath.OverheadIpv6
            ? $"{Datapath.OverheadIpv4} bytes"
            : $"{Datapath.OverheadIpv4} bytes over IPv4, {Datapath.OverheadIpv6} over IPv6",
    };
}
