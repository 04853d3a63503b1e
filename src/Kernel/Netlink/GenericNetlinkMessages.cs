using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace PerfSuite.Kernel.Netlink;

/// <summary>Generic netlink framing: a message to a family is its id as the netlink type, a genlmsghdr with the
/// command and version, then attributes. The controller request is encoded as iproute2's <c>genl ctrl get name</c>
/// sends it (version 0, the name NUL-terminated).</summary>
public static class GenericNetlinkMessages
{
    /// <summary>sizeof(struct genlmsghdr): the attributes start after it.</summary>
    public static readonly int HeaderSize = Marshal.SizeOf<Interop.genlmsghdr>();

    /// <summary>A request to family <paramref name="familyId"/>; add attributes to the writer returned.</summary>
    public static NetlinkMessageWriter Command(ushort familyId, byte command, byte version, ushort flags = 0) =>
        new NetlinkMessageWriter(familyId, flags).Header(new Interop.genlmsghdr { cmd = command, version = version });

    /// <summary>CTRL_CMD_GETFAMILY by name; the kernel answers with one message carrying CTRL_ATTR_FAMILY_ID.</summary>
    public static NetlinkMessageWriter GetFamily(string name) =>
        Command(GenlCtrl.FamilyId, GenlCtrl.CmdGetFamily, version: 0).String(GenlCtrl.AttrFamilyName, name);

    /// <summary>CTRL_ATTR_FAMILY_ID of a controller reply (the payload after the netlink header), or null.</summary>
    public static ushort? DecodeFamilyId(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < HeaderSize)
            return null;
        foreach (var attribute in new NetlinkAttributeReader(payload[HeaderSize..]))
        {
            if (attribute.Type == GenlCtrl.AttrFamilyId && attribute.Payload.Length >= 2)
                return BinaryPrimitives.ReadUInt16LittleEndian(attribute.Payload);
        }
        return null;
    }
}
