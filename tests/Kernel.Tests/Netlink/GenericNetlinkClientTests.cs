using System.Globalization;
using System.Text.RegularExpressions;
using PerfSuite.Kernel.Netlink;
using PerfSuite.Model.Errors;

namespace PerfSuite.Kernel.Tests.Netlink;

/// <summary>Family resolution through nlctrl, against iproute2's <c>genl</c>: the request it sends and the ids it reports.</summary>
public sealed partial class GenericNetlinkClientTests
{
    [Fact]
    public void Get_family_matches_genl_ctrl_get_byte_for_byte()
    {
        // Given the request genl sends (the family need not exist for the request to be sent)
        using var ns = new ScratchNamespace();
        var genl = Iproute2Trace.LastRequest("ip", "netns", "exec", ns.Name, "genl", "ctrl", "get", "name", "wireguard");

        // When PerfSuite encodes the same
        var ours = GenericNetlinkMessages.GetFamily("wireguard").Complete(0, NetlinkFlags.Request | NetlinkFlags.Ack).ToArray();

        // Then
        Assert.Equal((genl.Type, genl.Flags), (BitConverter.ToUInt16(ours, 4), BitConverter.ToUInt16(ours, 6)));
        Assert.Equal(Convert.ToHexString(genl.Payload), Convert.ToHexString(ours[NetlinkMessageWriter.HeaderSize..]));
    }

    [Theory]
    [InlineData("nlctrl")]
    [InlineData("ethtool")]
    [InlineData("tcp_metrics")]
    public void Families_resolve_to_the_ids_genl_reports(string family)
    {
        // Given the id genl reports, when the kernel has the family at all
        using var ns = new ScratchNamespace();
        var (code, stdout, _) = Shell.TryRun("ip", "netns", "exec", ns.Name, "genl", "ctrl", "get", "name", family);
        HostSkips.UnlessGenericNetlinkFamily(code == 0, family);
        var expected = ushort.Parse(Id().Match(stdout).Groups["id"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

        // When
        using var client = GenericNetlinkClient.Open(ns.Name);
        var id = client.ResolveFamily(family);

        // Then
        Assert.Equal(expected, id);
    }

    [Fact]
    public void A_family_the_kernel_lacks_is_a_missing_module_named_with_its_namespace()
    {
        HostSkips.UnlessKernelLacks("wireguard");
        using var ns = new ScratchNamespace();
        using var client = GenericNetlinkClient.Open(ns.Name);

        var e = Assert.Throws<KernelModuleMissingException>(() => client.ResolveFamily("wireguard"));

        Assert.Equal(ErrorReason.NotSupported, e.Reason);
        Assert.Equal("wireguard", e.Kind);
        Assert.Equal($"resolving generic netlink family 'wireguard' in network namespace '{ns.Name}': the kernel has no 'wireguard' module", e.Message);
    }

    [GeneratedRegex(@"ID: 0x(?<id>[0-9a-f]+)")]
    private static partial Regex Id();
}
