using System.Buffers.Binary;
using System.Net;
using PerfSuite.Kernel.Netlink;
using PerfSuite.Lab.Datapaths.Geneve;

namespace PerfSuite.Lab.Tests;

/// <summary>The geneve device request compared byte for byte with what iproute2 sends for the same command (traced
/// with strace), even where the kernel has no geneve module: ip sends the request all the same.</summary>
public sealed class GeneveEncodingTests
{
    [Theory]
    [InlineData("geneve0", 1450, true, 1u, "198.18.0.2", (ushort)6081)]
    [InlineData("cilium_geneve", 8950, false, 0xabcdefu, "198.18.0.1", (ushort)6082)]
    public void Geneve_with_vni_remote_and_port_matches_ip(string name, int mtu, bool up, uint vni, string remote, ushort port)
    {
        // Given a namespace
        using var ns = new ScratchNamespace();
        string[] upArgs = up ? ["up"] : [];

        // When ip and PerfSuite add the same geneve device
        var ip = Iproute2Trace.LastRequest(["ip", "-n", ns.Name, "link", "add", name, "mtu", $"{mtu}", .. upArgs, "type", "geneve",
            "id", $"{vni}", "remote", remote, "dstport", $"{port}"]);
        var ours = GeneveLinkMessages.Add(new LinkSettings(name, mtu, Up: up), vni, IPAddress.Parse(remote), port)
            .Complete(0, NetlinkFlags.Request | NetlinkFlags.Ack).ToArray();

        // Then type, flags and payload are the same
        Assert.Equal($"type 0x{ip.Type:x} flags 0x{ip.Flags:x}",
            $"type 0x{BinaryPrimitives.ReadUInt16LittleEndian(ours.AsSpan(4)):x} flags 0x{BinaryPrimitives.ReadUInt16LittleEndian(ours.AsSpan(6)):x}");
        Assert.Equal(Convert.ToHexString(ip.Payload), Convert.ToHexString(ours[NetlinkMessageWriter.HeaderSize..]));
    }

    [Fact]
    public void The_probe_reads_vni_port_and_remote_of_a_geneve_link_message()
    {
        // Given the RTM_NEWLINK of a geneve device (the bytes ip sends, pinned above; the kernel answers in the same form)
        var message = GeneveLinkMessages.Add(new LinkSettings("geneve0", 1450), 0xabcdef, IPAddress.Parse("198.18.0.2"), 6081)
            .Complete(0, NetlinkFlags.Request).ToArray();

        // When it is decoded as a link
        var link = LinkMessageDecoder.Decode(message.AsSpan(NetlinkMessageWriter.HeaderSize));

        // Then the tunnel is geneve with its VNI, port and IPv4 remote, and no local or lower device
        Assert.Equal(("geneve0", "geneve", 1450), (link.Name, link.Kind, link.Mtu));
        Assert.Equal(new PerfSuite.Model.Probe.TunnelInfo("geneve", 0xabcdef, 6081, null, "198.18.0.2", null, null), link.Tunnel);
    }
}
