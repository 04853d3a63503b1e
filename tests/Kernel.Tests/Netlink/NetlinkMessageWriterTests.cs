using System.Net;
using PerfSuite.Kernel.Netlink;

namespace PerfSuite.Kernel.Tests.Netlink;

public sealed class NetlinkMessageWriterTests
{
    [Fact]
    public void Header_attributes_and_padding_are_laid_out_as_the_kernel_expects()
    {
        // Given a link request with a family header, a string, a u32 and a nest
        var writer = new NetlinkMessageWriter(Rtm.NewLink, NetlinkFlags.Create | NetlinkFlags.Excl)
            .Header(new FourBytes { A = 0x11, B = 0x22, C = 0x33, D = 0x44 })
            .String(Ifla.IfName, "ab")
            .U32(Ifla.Mtu, 1450);
        var nest = writer.BeginNest(Ifla.LinkInfo);
        writer.String(IflaInfo.Kind, "vxlan").EndNest(nest);

        // When
        var bytes = writer.Complete(sequence: 7, NetlinkFlags.Request | NetlinkFlags.Ack).ToArray();

        // Then: nlmsghdr, then each attribute padded to 4 bytes
        byte[] expected =
        [
            52, 0, 0, 0, 16, 0, 0x05, 0x06, 7, 0, 0, 0, 0, 0, 0, 0, // len 52, RTM_NEWLINK, REQUEST|ACK|EXCL|CREATE
            0x11, 0x22, 0x33, 0x44,                                    // family header
            7, 0, 3, 0, (byte)'a', (byte)'b', 0, 0,                    // IFLA_IFNAME "ab\0" + 1 pad
            8, 0, 4, 0, 0xaa, 0x05, 0, 0,                              // IFLA_MTU 1450
            16, 0, 18, 0x80,                                           // IFLA_LINKINFO | NLA_F_NESTED
            10, 0, 1, 0, (byte)'v', (byte)'x', (byte)'l', (byte)'a', (byte)'n', 0, 0, 0,
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void Network_order_helpers_write_big_endian()
    {
        var bytes = new NetlinkMessageWriter(1)
            .U16BigEndian(IflaVxlan.Port, 8472)
            .Address(IflaVxlan.Local, IPAddress.Parse("198.18.0.1"))
            .Complete(1, 0).ToArray();

        Assert.Equal(new byte[] { 6, 0, 15, 0, 0x21, 0x18, 0, 0, 8, 0, 4, 0, 198, 18, 0, 1 }, bytes[16..]);
    }

    [Fact]
    public void Reader_walks_what_the_writer_wrote_including_nests()
    {
        var writer = new NetlinkMessageWriter(1).U32(Ifla.Mtu, 9000);
        var nest = writer.BeginNest(Ifla.LinkInfo);
        writer.String(IflaInfo.Kind, "bridge").EndNest(nest);
        var attributes = writer.Complete(1, 0).ToArray().AsSpan(NetlinkMessageWriter.HeaderSize);

        var seen = new List<string>();
        foreach (var a in new NetlinkAttributeReader(attributes))
        {
            if (a.Type == Ifla.Mtu)
                seen.Add($"mtu={a.GetU32()}");
            if (a.Type == Ifla.LinkInfo)
            {
                foreach (var inner in a.Nested())
                    seen.Add($"kind={inner.GetString()}");
            }
        }

        Assert.Equal(["mtu=9000", "kind=bridge"], seen);
    }

    [Fact]
    public void Reader_stops_at_a_truncated_attribute_instead_of_reading_past_it()
    {
        byte[] truncated = [8, 0, 4, 0, 1, 2, 3, 4, 200, 0, 5, 0, 1];

        var count = 0;
        foreach (var _ in new NetlinkAttributeReader(truncated))
            count++;

        Assert.Equal(1, count);
    }

    private struct FourBytes
    {
        public byte A, B, C, D;
    }
}
