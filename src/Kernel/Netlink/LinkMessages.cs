namespace PerfSuite.Kernel.Netlink;

/// <summary>
/// Encodes RTM_NEWLINK / RTM_GETLINK / RTM_DELLINK requests byte for byte as iproute2 6.1 sends them for the
/// same command (the encoding tests compare with <c>strace</c> of <c>ip</c>): attributes in iproute2's order and
/// nests without NLA_F_NESTED, which rtnetlink's parsers accept either way.
/// </summary>
public static class LinkMessages
{
    private const ushort CreateExclusive = NetlinkFlags.Create | NetlinkFlags.Excl;
    private const uint IffUp = 0x1;

    /// <summary><c>ip link add NAME [mtu M] [master B] [up] type veth peer name P [mtu M] [netns NS]</c>.</summary>
    public static NetlinkMessageWriter Veth(LinkSettings link, VethPeer peer) =>
        NewLink(link, "veth", writer =>
        {
            var peerNest = writer.BeginNest(VethInfo.Peer, markNested: false);
            writer.Header(new Interop.ifinfomsg());
            if (peer.Mtu is { } mtu)
                writer.U32(Ifla.Mtu, (uint)mtu);
            if (peer.NetnsFd is { } fd)
                writer.U32(Ifla.NetNsFd, (uint)fd);
            writer.String(Ifla.IfName, peer.Name);
            writer.EndNest(peerNest);
        });

    /// <summary><c>ip link add NAME [mtu M] [up] type bridge</c>.</summary>
    public static NetlinkMessageWriter Bridge(LinkSettings link) => OfKind(link, "bridge");

    /// <summary><c>ip link add NAME [mtu M] type vxlan id VNI [local A] [dev D] dstport P [nolearning]</c>.</summary>
    public static NetlinkMessageWriter Vxlan(LinkSettings link, VxlanSettings vxlan) =>
        NewLink(link, "vxlan", writer =>
        {
            if (vxlan.UnderlayIndex is { } underlay)
                writer.U32(IflaVxlan.Link, (uint)underlay);
            writer.U32(IflaVxlan.Id, vxlan.Vni);
            if (vxlan.Local is { } local)
                writer.Address(local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? IflaVxlan.Local6 : IflaVxlan.Local, local);
            writer.U8(IflaVxlan.Learning, vxlan.Learning ? (byte)1 : (byte)0);
            writer.U16BigEndian(IflaVxlan.Port, vxlan.Port);
        });

    /// <summary><c>ip link add NAME [mtu M] type ipip</c>: no local or remote, like Calico's <c>tunl0</c>, which
    /// accepts IP-in-IP from any peer and is steered by <c>onlink</c> routes.</summary>
    public static NetlinkMessageWriter Ipip(LinkSettings link) => OfKind(link, "ipip");

    /// <summary><c>ip link add NAME [mtu M] type wireguard</c>; keys and peers are set afterwards over generic
    /// netlink (kernel) or the UAPI socket (wireguard-go).</summary>
    public static NetlinkMessageWriter Wireguard(LinkSettings link) => OfKind(link, "wireguard");

    /// <summary><c>ip link add link PARENT NAME [mtu M] [up] [netns NS] type macvlan mode bridge</c>: a device with its own
    /// MAC whose frames leave through <paramref name="parentIndex"/> (a NIC), created directly in the namespace of
    /// <paramref name="netnsFd"/> when given. The parent index is resolved in the namespace the request is sent in.</summary>
    public static NetlinkMessageWriter Macvlan(LinkSettings link, int parentIndex, int? netnsFd)
    {
        var writer = NewLink(link, "macvlan", data => data.U32(IflaMacvlan.Mode, IflaMacvlan.ModeBridge));
        writer.U32(Ifla.Link, (uint)parentIndex);
        if (netnsFd is { } fd)
            writer.U32(Ifla.NetNsFd, (uint)fd);
        return writer;
    }

    /// <summary><c>ip link add NAME [mtu M] [up] type KIND</c> with no kind-specific data: what the kernel needs to
    /// load the module of <paramref name="kind"/> (request_module "rtnl-link-KIND") or refuse it.</summary>
    public static NetlinkMessageWriter OfKind(LinkSettings link, string kind) => NewLink(link, kind, data: null);

    /// <summary><c>ip link add NAME [mtu M] [master B] [up] type KIND ...</c>: <paramref name="data"/> writes the
    /// kind's own attributes into IFLA_INFO_DATA, for link kinds whose encoding lives with their datapath.</summary>
    public static NetlinkMessageWriter OfKind(LinkSettings link, string kind, Action<NetlinkMessageWriter> data) => NewLink(link, kind, data);

    /// <summary><c>ip link set dev #INDEX [mtu M] [master #B] [netns NS] [up|down]</c> in one request.</summary>
    public static NetlinkMessageWriter Set(int index, LinkChange change)
    {
        var header = new Interop.ifinfomsg { ifi_index = index };
        if (change.Up is { } up)
        {
            header.ifi_flags = up ? IffUp : 0;
            header.ifi_change = IffUp;
        }
        var writer = new NetlinkMessageWriter(Rtm.NewLink).Header(header);
        if (change.Mtu is { } mtu)
            writer.U32(Ifla.Mtu, (uint)mtu);
        if (change.MasterIndex is { } master)
            writer.U32(Ifla.Master, (uint)master);
        if (change.NetnsFd is { } fd)
            writer.U32(Ifla.NetNsFd, (uint)fd);
        return writer;
    }

    /// <summary>RTM_GETLINK for one link by name; the answer is a single RTM_NEWLINK.</summary>
    public static NetlinkMessageWriter GetByName(string name) =>
        new NetlinkMessageWriter(Rtm.GetLink).Header(new Interop.ifinfomsg()).String(Ifla.IfName, name);

    /// <summary><c>ip link del dev #INDEX</c>.</summary>
    public static NetlinkMessageWriter Delete(int index) =>
        new NetlinkMessageWriter(Rtm.DelLink).Header(new Interop.ifinfomsg { ifi_index = index });

    private static NetlinkMessageWriter NewLink(LinkSettings link, string kind, Action<NetlinkMessageWriter>? data)
    {
        var writer = new NetlinkMessageWriter(Rtm.NewLink, CreateExclusive).Header(UpFlags(link.Up));
        if (link.Mtu is { } mtu)
            writer.U32(Ifla.Mtu, (uint)mtu);
        if (link.MasterIndex is { } master)
            writer.U32(Ifla.Master, (uint)master);
        writer.String(Ifla.IfName, link.Name);
        var info = writer.BeginNest(Ifla.LinkInfo, markNested: false);
        // iproute2 sends the kind without a terminating NUL (addattr_l with strlen); the kernel accepts both.
        writer.Bytes(IflaInfo.Kind, System.Text.Encoding.ASCII.GetBytes(kind));
        if (data is not null)
        {
            var nest = writer.BeginNest(IflaInfo.Data, markNested: false);
            data(writer);
            writer.EndNest(nest);
        }
        writer.EndNest(info);
        return writer;
    }

    private static Interop.ifinfomsg UpFlags(bool up) =>
        up ? new Interop.ifinfomsg { ifi_flags = IffUp, ifi_change = IffUp } : new Interop.ifinfomsg();
}
