using System.Net;
using PerfSuite.Kernel.Netlink;

namespace PerfSuite.Lab.Datapaths.Geneve;

/// <summary>
/// Encodes <c>ip link add NAME [mtu M] [up] type geneve id VNI remote ADDRESS dstport PORT</c> byte for byte as
/// iproute2 6.1 sends it (compared with <c>strace</c> of <c>ip</c>): the VNI, the remote, then the flow label, TTL and
/// TOS at 0 (what ip sends when they are not given: inherit the defaults), then the port.
/// </summary>
public static class GeneveLinkMessages
{
    public const string Kind = "geneve";

    public static NetlinkMessageWriter Add(LinkSettings link, uint vni, IPAddress remote, ushort port) =>
        LinkMessages.OfKind(link, Kind, writer =>
        {
            writer.U32(IflaGeneve.Id, vni);
            writer.Address(remote.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? IflaGeneve.Remote6 : IflaGeneve.Remote, remote);
            writer.U32(IflaGeneve.Label, 0);
            writer.U8(IflaGeneve.Ttl, 0);
            writer.U8(IflaGeneve.Tos, 0);
            writer.U16BigEndian(IflaGeneve.Port, port);
        });
}
