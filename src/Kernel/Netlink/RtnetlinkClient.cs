using System.Net;
using System.Net.NetworkInformation;
using Microsoft.Win32.SafeHandles;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Netlink;

/// <summary>
/// Makes links, addresses, routes, neighbour and FDB entries in one network namespace over one rtnetlink socket,
/// as CNI plugins do (no <c>ip</c> or <c>bridge</c> process). The socket is created on a thread inside the
/// namespace and stays bound to it whichever thread uses it later. Every failure names the request, the device
/// and the namespace. Not thread-safe: one client per namespace and owner.
/// </summary>
public sealed class RtnetlinkClient : IDisposable
{
    private readonly NetlinkSocket _socket;
    private readonly Dictionary<string, int> _indexByName = new(StringComparer.Ordinal);

    private RtnetlinkClient(NetlinkSocket socket, string netnsLabel)
    {
        _socket = socket;
        Namespace = netnsLabel;
    }

    /// <summary>How the namespace is named in messages: its name, or "host" for the caller's own.</summary>
    public string Namespace { get; }

    /// <summary>Opens a client for namespace <paramref name="netns"/> (null: the caller's own).</summary>
    public static RtnetlinkClient Open(string? netns) =>
        NetworkNamespace.Run(netns, () => OpenInCurrentNamespace(netns ?? NetworkNamespace.HostName));

    /// <summary>Opens a client for the namespace the calling thread is in, for code already running inside one
    /// (<see cref="NetworkNamespace.Run{T}"/>) that has more to do there.</summary>
    public static RtnetlinkClient OpenInCurrentNamespace(string netnsLabel) => new(new NetlinkSocket(), netnsLabel);

    // ---- links ----

    /// <summary>Adds a veth pair; the peer is created directly in <paramref name="peerNamespace"/> when given, and
    /// down (see <see cref="VethPeer"/>).</summary>
    public void AddVeth(LinkSettings link, string peerName, string? peerNamespace = null, int? peerMtu = null)
    {
        var where = peerNamespace is null ? "" : $" in '{peerNamespace}'";
        var what = $"adding veth '{link.Name}' (peer '{peerName}'{where})";
        using var peerNs = peerNamespace is null ? null : OpenNamespaceFile(peerNamespace, what);
        var peer = new VethPeer(peerName, peerMtu, peerNs is null ? null : (int)peerNs.DangerousGetHandle());
        AddLink("veth", LinkMessages.Veth(link, peer), what);
    }

    public void AddBridge(LinkSettings link) => AddLink("bridge", LinkMessages.Bridge(link), $"adding bridge '{link.Name}'");

    public void AddVxlan(LinkSettings link, VxlanSettings vxlan) =>
        AddLink("vxlan", LinkMessages.Vxlan(link, vxlan), $"adding vxlan '{link.Name}' (VNI {vxlan.Vni}, port {vxlan.Port})");

    /// <summary>Adds a bridge-mode macvlan of <paramref name="parent"/> (a device of this client's namespace), created
    /// directly in <paramref name="inNamespace"/> when given, so it never appears here.</summary>
    public void AddMacvlan(LinkSettings link, string parent, string? inNamespace)
    {
        var where = inNamespace is null ? "" : $" in '{inNamespace}'";
        var what = $"adding macvlan '{link.Name}' of '{parent}'{where}";
        var parentIndex = IndexOf(parent);
        using var target = inNamespace is null ? null : OpenNamespaceFile(inNamespace, what);
        AddLink("macvlan", LinkMessages.Macvlan(link, parentIndex, target is null ? null : (int)target.DangerousGetHandle()), what);
    }

    public void AddIpip(LinkSettings link) => AddLink("ipip", LinkMessages.Ipip(link), $"adding ipip '{link.Name}'");

    public void AddWireguard(LinkSettings link) => AddLink("wireguard", LinkMessages.Wireguard(link), $"adding wireguard '{link.Name}'");

    /// <summary>Adds a link of any <paramref name="kind"/> without kind-specific attributes; throws
    /// <see cref="KernelModuleMissingException"/> when the kernel does not know the kind.</summary>
    public void AddLink(LinkSettings link, string kind) => AddLink(kind, LinkMessages.OfKind(link, kind), $"adding {kind} '{link.Name}'");

    /// <summary>Changes MTU, master, namespace and up/down of <paramref name="device"/> in one request.</summary>
    public void SetLink(string device, int? mtu = null, string? master = null, bool? up = null, string? moveToNamespace = null)
    {
        var index = IndexOf(device);
        var masterIndex = master is null ? (int?)null : IndexOf(master);
        var what = $"setting link '{device}'";
        using var target = moveToNamespace is null ? null : OpenNamespaceFile(moveToNamespace, what);
        var change = new LinkChange(mtu, masterIndex, target is null ? null : (int)target.DangerousGetHandle(), up);
        var description = change.ToString();
        if (master is not null)
            description = description.Replace($"master #{masterIndex}", $"master '{master}'", StringComparison.Ordinal);
        if (moveToNamespace is not null)
            description = description.Replace("netns", $"netns '{moveToNamespace}'", StringComparison.Ordinal);
        Request(LinkMessages.Set(index, change), $"{what} ({description})");
        if (moveToNamespace is not null)
            _indexByName.Remove(device);
    }

    public void DeleteLink(string device)
    {
        Request(LinkMessages.Delete(IndexOf(device)), $"deleting link '{device}'");
        _indexByName.Remove(device);
    }

    /// <summary>The link as the kernel describes it now (index, MAC, MTU, state, kind).</summary>
    public LinkRecord GetLink(string device)
    {
        LinkRecord? found = null;
        Request(LinkMessages.GetByName(device), $"looking up link '{device}'", (type, _, payload) =>
        {
            if (type == Rtm.NewLink && payload.Length >= LinkMessageDecoder.IfInfoMsgSize)
                found = LinkMessageDecoder.Decode(payload);
        });
        var link = found ?? throw new PerfSuiteException(ErrorReason.NotFound, $"no link '{device}' in network namespace '{Namespace}'");
        _indexByName[device] = link.Index;
        return link;
    }

    public int IndexOf(string device) =>
        _indexByName.TryGetValue(device, out var index) ? index : GetLink(device).Index;

    public PhysicalAddress MacOf(string device) =>
        GetLink(device).MacAddress is { } mac
            ? PhysicalAddress.Parse(mac)
            : throw new PerfSuiteException(ErrorReason.NotFound, $"link '{device}' in network namespace '{Namespace}' has no MAC address");

    public IReadOnlyList<LinkRecord> Links() => LinkTable.Dump(_socket, Namespace);

    // ---- addresses ----

    public void AddAddress(string device, IPAddress address, int prefixLength) =>
        Request(AddressMessages.Add(IndexOf(device), address, prefixLength), $"adding address {address}/{prefixLength} to '{device}'");

    public IReadOnlyList<AddressRecord> Addresses()
    {
        var addresses = new List<AddressRecord>();
        Dump(AddressMessages.Dump(), "listing addresses", Rtm.NewAddr, payload => AddressRecord.Decode(payload), addresses);
        return addresses;
    }

    // ---- routes ----

    /// <summary><c>ip route add DEST [via GW] [dev D] [onlink] [mtu M]</c>.</summary>
    public void AddRoute(IPNetwork destination, IPAddress? gateway = null, string? device = null, bool onLink = false, int? mtu = null)
    {
        var route = new RouteSpec(destination, gateway, device is null ? null : IndexOf(device), onLink, mtu);
        var text = $"{destination}{(gateway is null ? "" : $" via {gateway}")}{(device is null ? "" : $" dev {device}")}{(onLink ? " onlink" : "")}{(mtu is null ? "" : $" mtu {mtu}")}";
        Request(RouteMessages.Add(route), $"adding route {text}");
    }

    public IReadOnlyList<RouteRecord> Routes()
    {
        var routes = new List<RouteRecord>();
        Dump(RouteMessages.Dump(), "listing routes", Rtm.NewRoute, payload => RouteRecord.Decode(payload), routes);
        return routes;
    }

    /// <summary><c>ip route get DESTINATION</c>: how this namespace would send to <paramref name="destination"/>.
    /// No route (ENETUNREACH, a blackhole or prohibit route) fails with the kernel's reason.</summary>
    public RouteRecord RouteTo(IPAddress destination)
    {
        RouteRecord? found = null;
        Request(RouteMessages.Get(destination), $"looking up the route to {destination}", (type, _, payload) =>
        {
            if (type == Rtm.NewRoute)
                found ??= RouteRecord.Decode(payload);
        });
        return found ?? throw new PerfSuiteException(ErrorReason.NotFound, $"no route to {destination} in network namespace '{Namespace}'");
    }

    // ---- neighbours and forwarding entries ----

    public void AddPermanentNeighbour(string device, IPAddress address, PhysicalAddress mac) =>
        Request(NeighbourMessages.AddPermanent(IndexOf(device), address, mac),
            $"adding permanent neighbour {address} lladdr {FormatMac(mac)} on '{device}'");

    public void AppendFdb(string device, PhysicalAddress mac, IPAddress vtep) =>
        Request(NeighbourMessages.AppendFdb(IndexOf(device), mac, vtep),
            $"appending FDB entry {FormatMac(mac)} dst {vtep} on '{device}'");

    /// <summary>ARP/ND entries (<see cref="AddressFamilies.Inet"/>) or forwarding entries (<see cref="AddressFamilies.Bridge"/>).</summary>
    public IReadOnlyList<NeighbourRecord> Neighbours(byte family)
    {
        var neighbours = new List<NeighbourRecord>();
        Dump(NeighbourMessages.Dump(family), "listing neighbours", Rtm.NewNeigh, payload => NeighbourRecord.Decode(payload), neighbours);
        return neighbours.Where(n => n.Family == family).ToList();
    }

    public void Dispose() => _socket.Dispose();

    public static string FormatMac(PhysicalAddress mac) =>
        string.Join(':', mac.GetAddressBytes().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Sends an RTM_NEWLINK for a link of <paramref name="kind"/> encoded elsewhere (a datapath's own
    /// <see cref="LinkMessages.OfKind(LinkSettings, string, Action{NetlinkMessageWriter})"/>); throws
    /// <see cref="KernelModuleMissingException"/> when the kernel does not know the kind.</summary>
    public void AddLink(string kind, NetlinkMessageWriter message, string what)
    {
        try
        {
            Request(message, what);
        }
        catch (ErrnoException e) when (e.Errno == LinuxErrno.EOPNOTSUPP)
        {
            throw new KernelModuleMissingException(kind, $"{what} in network namespace '{Namespace}': the kernel has no '{kind}' module");
        }
    }

    private void Request(NetlinkMessageWriter message, string what, NetlinkMessageHandler? onReply = null) =>
        _socket.Request(message, $"{what} in network namespace '{Namespace}'", onReply);

    private void Dump<T>(NetlinkMessageWriter message, string what, ushort type, DecodeMessage<T> decode, List<T> into) where T : class =>
        _socket.Dump(message, $"{what} in network namespace '{Namespace}'", (messageType, _, payload) =>
        {
            if (messageType == type && decode(payload) is { } record)
                into.Add(record);
        });

    private delegate T? DecodeMessage<T>(ReadOnlySpan<byte> payload) where T : class;

    /// <summary>The namespace file, held open for one request that names the namespace by descriptor.</summary>
    private static SafeFileHandle OpenNamespaceFile(string netns, string what)
    {
        try
        {
            return File.OpenHandle(NetworkNamespace.PathOf(netns), FileMode.Open, FileAccess.Read);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new PerfSuiteException(ErrorReason.NotFound, $"{what}: no network namespace '{netns}'");
        }
    }
}
