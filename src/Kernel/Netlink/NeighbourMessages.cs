using System.Net;
using System.Net.NetworkInformation;

namespace PerfSuite.Kernel.Netlink;

/// <summary>Encodes RTM_NEWNEIGH / RTM_GETNEIGH: ARP entries (<c>ip neigh add A lladdr M dev D nud permanent</c>)
/// and bridge forwarding entries (<c>bridge fdb append M dst VTEP dev D self</c>) as iproute2 6.1 sends them.</summary>
public static class NeighbourMessages
{
    /// <summary>A permanent ARP/ND entry, as flanneld writes for each peer's VXLAN device address.</summary>
    public static NetlinkMessageWriter AddPermanent(int index, IPAddress address, PhysicalAddress mac) =>
        new NetlinkMessageWriter(Rtm.NewNeigh, NetlinkFlags.Create | NetlinkFlags.Excl)
            .Header(new Interop.ndmsg
            {
                ndm_family = AddressMessages.Family(address),
                ndm_ifindex = index,
                ndm_state = NeighbourFields.StatePermanent,
            })
            .Address(Nda.Dst, address)
            .Bytes(Nda.LlAddr, mac.GetAddressBytes());

    /// <summary>An FDB entry on the VXLAN device itself (AF_BRIDGE, NTF_SELF): frames for <paramref name="mac"/> go
    /// to VTEP <paramref name="vtep"/>. NLM_F_APPEND adds a destination instead of replacing the entry.</summary>
    public static NetlinkMessageWriter AppendFdb(int index, PhysicalAddress mac, IPAddress vtep) =>
        new NetlinkMessageWriter(Rtm.NewNeigh, NetlinkFlags.Create | NetlinkFlags.Append)
            .Header(new Interop.ndmsg
            {
                ndm_family = AddressFamilies.Bridge,
                ndm_ifindex = index,
                // bridge(8) marks static entries NOARP as well as PERMANENT.
                ndm_state = NeighbourFields.StatePermanent | NeighbourFields.StateNoArp,
                ndm_flags = NeighbourFields.FlagSelf,
            })
            .Bytes(Nda.LlAddr, mac.GetAddressBytes())
            .Address(Nda.Dst, vtep);

    public static NetlinkMessageWriter Dump(byte family) =>
        new NetlinkMessageWriter(Rtm.GetNeigh).Header(new Interop.ndmsg { ndm_family = family });
}
