using PerfSuite.Kernel.Namespaces;

namespace PerfSuite.Kernel.Netlink;

/// <summary>Reads the interfaces of a network namespace over rtnetlink (RTM_GETLINK dump). Unlike /sys/class/net,
/// this answers for the namespace the socket was created in, not the one sysfs was mounted from.</summary>
public static class LinkTable
{
    /// <summary>Every link in namespace <paramref name="netns"/> (null: the caller's own), ordered by index.</summary>
    public static IReadOnlyList<LinkRecord> Dump(string? netns = null) =>
        NetworkNamespace.Run(netns, () =>
        {
            using var socket = new NetlinkSocket();
            return Dump(socket, netns ?? NetworkNamespace.HostName);
        });

    public static IReadOnlyList<LinkRecord> Dump(NetlinkSocket socket, string netnsName)
    {
        var links = new List<LinkRecord>();
        var request = new NetlinkMessageWriter(Rtm.GetLink).Header(new Interop.ifinfomsg());
        socket.Dump(request, $"listing links in network namespace '{netnsName}'", (type, _, payload) =>
        {
            if (type == Rtm.NewLink && payload.Length >= LinkMessageDecoder.IfInfoMsgSize)
                links.Add(LinkMessageDecoder.Decode(payload));
        });
        links.Sort((a, b) => a.Index.CompareTo(b.Index));
        return links;
    }
}
