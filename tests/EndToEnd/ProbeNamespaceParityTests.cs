using System.Text.Json;
using PerfSuite.EndToEnd.Tests.Support;

namespace PerfSuite.EndToEnd.Tests;

/// <summary>The Probe's acceptance test: for every kind of device this machine can make, in a namespace of its
/// own and with features toggled, <c>perfsuite probe --netns NS --format ethtool-k</c> prints exactly what
/// <c>ip netns exec NS ethtool -k</c> prints.</summary>
public sealed class ProbeNamespaceParityTests(DeviceZoo zoo) : IClassFixture<DeviceZoo>
{
    public static TheoryData<string> Devices => new(DeviceZoo.Devices);

    private string Namespace
    {
        get
        {
            Requires.That(zoo.Name is not null, "needs root (network namespaces)");
            return zoo.Name!;
        }
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public async Task Features_match_ethtool_k_byte_for_byte(string device)
    {
        // Given the zoo's device
        var ns = Namespace;
        HostSkips.WhenDeviceKindMissing(zoo.Missing(device));

        // When
        var result = await CliHost.RunAsync("probe", "--netns", ns, "--iface", device, "--format", "ethtool-k");

        // Then
        Assert.Equal("", result.Stderr);
        Assert.Equal(zoo.Ethtool("-k", device), result.Stdout);
    }

    [Fact]
    public async Task The_toggled_states_really_show_requested_on()
    {
        var ns = Namespace;

        var veth0 = (await CliHost.RunAsync("probe", "--netns", ns, "--iface", "veth0", "--format", "ethtool-k")).Stdout;
        var vxlan0 = (await CliHost.RunAsync("probe", "--netns", ns, "--iface", "vxlan0", "--format", "ethtool-k")).Stdout;

        Assert.Contains("\ttx-tcp-segmentation: off [requested on]\n", veth0, StringComparison.Ordinal);
        Assert.Contains("\ttx-tcp-segmentation: off [requested on]\n", vxlan0, StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_interfaces_print_as_ethtool_k_blocks_separated_by_an_empty_line()
    {
        var ns = Namespace;
        var names = JsonDocument.Parse(zoo.Ip("-j", "link", "show")).RootElement.EnumerateArray()
            .OrderBy(l => l.GetProperty("ifindex").GetInt32())
            .Select(l => l.GetProperty("ifname").GetString()!);

        var result = await CliHost.RunAsync("probe", "--netns", ns, "--format", "ethtool-k");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Join("\n", names.Select(n => zoo.Ethtool("-k", n))), result.Stdout);
    }

    [Fact]
    public async Task Link_attributes_match_ip_link_details()
    {
        // Given ip's own view of the namespace
        var ns = Namespace;
        using var ip = JsonDocument.Parse(zoo.Ip("-j", "-d", "link", "show"));
        var links = ip.RootElement.EnumerateArray().ToDictionary(l => l.GetProperty("ifname").GetString()!);

        // When
        var result = await CliHost.RunAsync("probe", "--netns", ns, "--format", "json");

        // Then
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal(ns, doc.RootElement.GetProperty("netns").GetString());
        var probed = doc.RootElement.GetProperty("interfaces").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!);
        Assert.Equal(links.Keys.Order(), probed.Keys.Order());
        foreach (var (name, link) in links)
        {
            var s = probed[name];
            Assert.Equal(link.GetProperty("mtu").GetInt32(), s.GetProperty("mtu").GetInt32());
            Assert.Equal(link.GetProperty("operstate").GetString(), s.GetProperty("operState").GetString());
            Assert.Equal(link.GetProperty("num_tx_queues").GetInt32(), s.GetProperty("txQueues").GetInt32());
            Assert.Equal(link.GetProperty("num_rx_queues").GetInt32(), s.GetProperty("rxQueues").GetInt32());
            var kind = link.TryGetProperty("linkinfo", out var info) && info.TryGetProperty("info_kind", out var k) ? k.GetString() : null;
            if (name != "lo")
                Assert.Equal(kind, s.GetProperty("kind").GetString());
            var master = link.TryGetProperty("master", out var m) ? m.GetString() : null;
            Assert.Equal(master, s.GetProperty("master").GetString());
        }
        var vxlan = probed["vxlan0"].GetProperty("tunnel");
        Assert.Equal(42u, vxlan.GetProperty("vni").GetUInt32());
        Assert.Equal(8472, vxlan.GetProperty("port").GetInt32());
        Assert.False(vxlan.GetProperty("learning").GetBoolean());
        Assert.Equal("bridge", probed["br0"].GetProperty("kind").GetString());
        Assert.Equal("br0", probed["veth1"].GetProperty("master").GetString());
    }

    [Fact]
    public async Task Drivers_are_read_inside_the_namespace()
    {
        var ns = Namespace;

        var result = await CliHost.RunAsync("probe", "--netns", ns, "--iface", "veth0", "--iface", "tun0", "--format", "json");

        using var doc = JsonDocument.Parse(result.Stdout);
        var interfaces = doc.RootElement.GetProperty("interfaces");
        Assert.Equal("veth", interfaces[0].GetProperty("driver").GetProperty("driver").GetString());
        Assert.Equal(10000u, interfaces[0].GetProperty("link").GetProperty("speedMbps").GetUInt32());
        Assert.Equal("tun", interfaces[1].GetProperty("driver").GetProperty("driver").GetString());
    }

    [Fact]
    public async Task An_interface_of_the_host_is_not_found_in_the_namespace()
    {
        var ns = Namespace;

        var result = await CliHost.RunAsync("probe", "--netns", ns, "--iface", "eth0");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"perfsuite: no interface 'eth0' in network namespace '{ns}'\n", result.Stderr.ReplaceLineEndings("\n"));
    }
}
