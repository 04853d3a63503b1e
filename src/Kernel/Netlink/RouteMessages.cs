using System.Net;

namespace PerfSuite.Kernel.Netlink;

/// <summary>Encodes RTM_NEWROUTE / RTM_GETROUTE as iproute2 6.1 does: table main, protocol boot, scope universe
/// with a gateway and link without; attributes RTA_DST, RTA_GATEWAY, RTA_OIF, RTA_METRICS in that order.</summary>
public static class RouteMessages
{
    public static NetlinkMessageWriter Add(RouteSpec route)
    {
        var destination = route.Destination;
        var writer = new NetlinkMessageWriter(Rtm.NewRoute, NetlinkFlags.Create | NetlinkFlags.Excl)
            .Header(new Interop.rtmsg
            {
                rtm_family = AddressMessages.Family(destination.BaseAddress),
                rtm_dst_len = (byte)destination.PrefixLength,
                rtm_table = RouteFields.TableMain,
                rtm_protocol = RouteFields.ProtocolBoot,
                rtm_scope = route.Gateway is null ? RouteFields.ScopeLink : RouteFields.ScopeUniverse,
                rtm_type = RouteFields.TypeUnicast,
                rtm_flags = route.OnLink ? RouteFields.FlagOnLink : 0,
            });
        if (destination.PrefixLength > 0)
            writer.Address(Rta.Dst, destination.BaseAddress);
        if (route.Gateway is { } gateway)
            writer.Address(Rta.Gateway, gateway);
        if (route.DeviceIndex is { } index)
            writer.U32(Rta.Oif, (uint)index);
        if (route.Mtu is { } mtu)
        {
            var metrics = writer.BeginNest(Rta.Metrics, markNested: false);
            writer.U32(Rtax.Mtu, (uint)mtu);
            writer.EndNest(metrics);
        }
        return writer;
    }

    /// <summary><c>ip route get ADDRESS</c>: the kernel's routing decision for one destination (output device,
    /// preferred source, gateway and MTU metric), answered as one RTM_NEWROUTE.</summary>
    public static NetlinkMessageWriter Get(IPAddress destination)
    {
        var family = AddressMessages.Family(destination);
        return new NetlinkMessageWriter(Rtm.GetRoute)
            .Header(new Interop.rtmsg
            {
                rtm_family = family,
                rtm_dst_len = (byte)(family == AddressFamilies.Inet ? 32 : 128),
            })
            .Address(Rta.Dst, destination);
    }

    public static NetlinkMessageWriter Dump(byte family = AddressFamilies.Inet) =>
        new NetlinkMessageWriter(Rtm.GetRoute).Header(new Interop.rtmsg { rtm_family = family });
}
