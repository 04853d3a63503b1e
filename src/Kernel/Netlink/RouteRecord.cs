using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace PerfSuite.Kernel.Netlink;

/// <summary>One route as an RTM_NEWROUTE message describes it; <see cref="Mtu"/> is the route's RTAX_MTU metric,
/// <see cref="PreferredSource"/> the source address the kernel picks (RTA_PREFSRC; always set in a route lookup's answer).</summary>
public sealed record RouteRecord(
    IPNetwork Destination,
    IPAddress? Gateway,
    int? OutputIndex,
    byte Table,
    byte Protocol,
    byte Scope,
    byte Type,
    bool OnLink,
    int? Mtu,
    IPAddress? PreferredSource = null)
{
    public static RouteRecord? Decode(ReadOnlySpan<byte> payload)
    {
        var headerSize = Marshal.SizeOf<Interop.rtmsg>();
        if (payload.Length < headerSize)
            return null;
        var header = MemoryMarshal.Read<Interop.rtmsg>(payload);
        if (header.rtm_family is not (AddressFamilies.Inet or AddressFamilies.Inet6))
            return null;
        IPAddress? destination = null, gateway = null, source = null;
        int? oif = null, mtu = null;
        uint table = header.rtm_table;
        foreach (var attribute in new NetlinkAttributeReader(payload[headerSize..]))
        {
            switch (attribute.Type)
            {
                case Rta.Dst: destination = attribute.GetAddress(); break;
                case Rta.Gateway: gateway = attribute.GetAddress(); break;
                case Rta.PrefSrc: source = attribute.GetAddress(); break;
                case Rta.Oif: oif = attribute.GetS32(); break;
                case Rta.Table: table = attribute.GetU32(); break;
                case Rta.Metrics:
                    foreach (var metric in attribute.Nested())
                    {
                        if (metric.Type == Rtax.Mtu)
                            mtu = metric.GetS32();
                    }
                    break;
            }
        }
        destination ??= header.rtm_family == AddressFamilies.Inet6 ? IPAddress.IPv6Any : IPAddress.Any;
        return new RouteRecord(new IPNetwork(destination, header.rtm_dst_len), gateway, oif, (byte)Math.Min(table, 255u),
            header.rtm_protocol, header.rtm_scope, header.rtm_type, (header.rtm_flags & RouteFields.FlagOnLink) != 0, mtu, source);
    }

    public bool IsIpv4 => Destination.BaseAddress.AddressFamily == AddressFamily.InterNetwork;
}
