using System.Net.Sockets;
using System.Runtime.InteropServices;
using PerfSuite.Probe.Namespaces;
using PerfSuite.Probe.Netlink;

namespace PerfSuite.LoadGen.Tunnels;

/// <summary>
/// The smallest rtnetlink needed to finish a tunnel device, over the Probe's <see cref="NetlinkSocket"/>:
/// RTM_NEWLINK addressed by name without NLM_F_CREATE (the kernel then changes the existing link, as
/// <c>ip link set</c> does) for MTU and IFF_UP, and RTM_NEWADDR for the address.
/// </summary>
public sealed class RtnetlinkTunnelLinkSetup : ITunnelLinkSetup
{
    public static readonly RtnetlinkTunnelLinkSetup Instance = new();

    private const uint IffUp = 0x1;
    private const ushort IfaAddress = 1;
    private const ushort IfaLocal = 2;

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

    [StructLayout(LayoutKind.Sequential)]
    private struct IfAddrMsg
    {
        public byte Family;
        public byte PrefixLength;
        public byte Flags;
        public byte Scope;
        public int Index;
    }

    public void Configure(string? netns, string ifName, TunnelLinkSettings settings) =>
        NetworkNamespace.Run(netns, () =>
        {
            var where = netns ?? NetworkNamespace.HostName;
            using var socket = new NetlinkSocket();
            if (settings.Mtu is { } mtu)
            {
                var message = new NetlinkMessageWriter(Rtm.NewLink).Header(new IfInfoMsg())
                    .String(Ifla.IfName, ifName)
                    .U32(Ifla.Mtu, checked((uint)mtu));
                socket.Request(message, $"setting MTU {mtu} on '{ifName}' in network namespace '{where}'");
            }
            if (settings.Address is { } address)
            {
                var index = IndexOf(socket, ifName, where);
                var family = address.Address.AddressFamily == AddressFamily.InterNetworkV6 ? (byte)10 : (byte)2;
                var message = new NetlinkMessageWriter(Rtm.NewAddr, NetlinkFlags.Create | NetlinkFlags.Replace)
                    .Header(new IfAddrMsg { Family = family, PrefixLength = (byte)address.PrefixLength, Index = index })
                    .Address(IfaLocal, address.Address)
                    .Address(IfaAddress, address.Address);
                socket.Request(message, $"adding address {address} to '{ifName}' in network namespace '{where}'");
            }
            if (settings.Up)
            {
                var message = new NetlinkMessageWriter(Rtm.NewLink)
                    .Header(new IfInfoMsg { Flags = IffUp, Change = IffUp })
                    .String(Ifla.IfName, ifName);
                socket.Request(message, $"setting '{ifName}' up in network namespace '{where}'");
            }
        });

    private static int IndexOf(NetlinkSocket socket, string ifName, string where) =>
        LinkTable.Dump(socket, where).FirstOrDefault(l => l.Name == ifName)?.Index
            ?? throw new Model.Errors.PerfSuiteException(Model.Errors.ErrorReason.NotFound,
                $"no interface '{ifName}' in network namespace '{where}'");
}
