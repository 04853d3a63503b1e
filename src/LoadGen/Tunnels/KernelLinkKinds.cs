using PerfSuite.Probe;
using PerfSuite.Probe.Namespaces;
using PerfSuite.Probe.Netlink;
using System.Runtime.InteropServices;

namespace PerfSuite.LoadGen.Tunnels;

/// <summary>
/// Finds out whether the kernel can create links of a kind (<c>ipip</c>, <c>wireguard</c>) the only reliable way:
/// by asking for one. An RTM_NEWLINK with that IFLA_INFO_KIND makes the kernel load the module if it can
/// (request_module "rtnl-link-KIND"); without one it answers EOPNOTSUPP, "Unknown device type".
/// </summary>
public static class KernelLinkKinds
{
    /// <summary>The name of the link created and deleted again while probing.</summary>
    public const string ProbeLinkName = "ps-kindprobe";

    [StructLayout(LayoutKind.Sequential)]
    private struct IfInfoMsg
    {
        public byte Family;
        public byte Pad;
        public ushort Type;
        public int Index;
        public uint Flags;
        public uint Change;
    }

    /// <summary>Tries to create a link of <paramref name="kind"/> in namespace <paramref name="netns"/> and deletes it
    /// again. Use a namespace nobody else uses: the probe link exists there for a moment.</summary>
    public static TunnelCapability Probe(string kind, string netns) =>
        NetworkNamespace.Run(netns, () =>
        {
            using var socket = new NetlinkSocket();
            var add = new NetlinkMessageWriter(Rtm.NewLink, NetlinkFlags.Create | NetlinkFlags.Excl)
                .Header(new IfInfoMsg())
                .String(Ifla.IfName, ProbeLinkName);
            var info = add.BeginNest(Ifla.LinkInfo);
            add.String(IflaInfo.Kind, kind).EndNest(info);
            try
            {
                socket.Request(add, $"creating a '{kind}' link in network namespace '{netns}'");
            }
            catch (ErrnoException e) when (e.Errno == LinuxErrno.EOPNOTSUPP)
            {
                return TunnelCapability.Unusable($"the kernel has no '{kind}' module");
            }
            catch (ErrnoException e)
            {
                return TunnelCapability.Unusable($"cannot create '{kind}' links: {e.Message}");
            }
            var delete = new NetlinkMessageWriter(Rtm.DelLink).Header(new IfInfoMsg()).String(Ifla.IfName, ProbeLinkName);
            socket.Request(delete, $"deleting the probe '{kind}' link in network namespace '{netns}'");
            return TunnelCapability.Usable;
        });
}
