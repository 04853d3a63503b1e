using System.Net;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;

namespace PerfSuite.Kernel.Netlink;

/// <summary>One neighbour (ARP/ND) or, with family AF_BRIDGE, one forwarding-database entry. For a VXLAN FDB entry
/// <see cref="Address"/> is the remote VTEP (NDA_DST) and <see cref="LinkAddress"/> the MAC it serves.</summary>
public sealed record NeighbourRecord(int Index, byte Family, IPAddress? Address, PhysicalAddress? LinkAddress, ushort State, byte Flags)
{
    public bool IsPermanent => (State & NeighbourFields.StatePermanent) != 0;

    public bool IsSelf => (Flags & NeighbourFields.FlagSelf) != 0;

    public static NeighbourRecord? Decode(ReadOnlySpan<byte> payload)
    {
        var headerSize = Marshal.SizeOf<Interop.ndmsg>();
        if (payload.Length < headerSize)
            return null;
        var header = MemoryMarshal.Read<Interop.ndmsg>(payload);
        IPAddress? address = null;
        PhysicalAddress? mac = null;
        foreach (var attribute in new NetlinkAttributeReader(payload[headerSize..]))
        {
            switch (attribute.Type)
            {
                case Nda.Dst: address = attribute.GetAddress(); break;
                case Nda.LlAddr: mac = new PhysicalAddress(attribute.Payload.ToArray()); break;
            }
        }
        return new NeighbourRecord(header.ndm_ifindex, header.ndm_family, address, mac, header.ndm_state, header.ndm_flags);
    }
}
