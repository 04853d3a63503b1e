using System.Text.Json;
using PerfSuite.EndToEnd.Tests.Support;

namespace PerfSuite.EndToEnd.Tests;

/// <summary><c>perfsuite probe</c> in the caller's own namespace: reads only, so no privilege is needed.</summary>
public sealed class ProbeCommandTests
{
    public static TheoryData<string> HostInterfaces => new("lo", "eth0");

    [Theory]
    [MemberData(nameof(HostInterfaces))]
    public async Task Ethtool_k_format_is_byte_for_byte_ethtool_k(string iface)
    {
        HostSkips.UnlessHostInterface(iface);

        // When
        var result = await CliHost.RunAsync("probe", "--iface", iface, "--format", "ethtool-k");

        // Then
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Shell.Run("ethtool", "-k", iface), result.Stdout);
    }

    [Fact]
    public async Task Without_iface_every_interface_is_probed_as_ip_link_lists_them()
    {
        // When
        var result = await CliHost.RunAsync("probe", "--format", "json");

        // Then: the versioned document, with every link ip shows and their MTU and state
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal("perfsuite/probe@1", doc.RootElement.GetProperty("schema").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("netns").ValueKind);
        var probed = doc.RootElement.GetProperty("interfaces").EnumerateArray()
            .ToDictionary(i => i.GetProperty("name").GetString()!);
        using var ip = JsonDocument.Parse(Shell.Run("ip", "-j", "link", "show"));
        var links = ip.RootElement.EnumerateArray().ToList();
        Assert.Equal(links.Select(l => l.GetProperty("ifname").GetString()).Order(), probed.Keys.Order());
        foreach (var link in links)
        {
            var snapshot = probed[link.GetProperty("ifname").GetString()!];
            Assert.Equal(link.GetProperty("mtu").GetInt32(), snapshot.GetProperty("mtu").GetInt32());
            Assert.Equal(link.GetProperty("operstate").GetString(), snapshot.GetProperty("operState").GetString());
            Assert.Equal(link.GetProperty("ifindex").GetInt32(), snapshot.GetProperty("index").GetInt32());
        }
        Assert.Equal("loopback", probed["lo"].GetProperty("kind").GetString());
        Assert.Contains("rings: not reported by this driver",
            probed["lo"].GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public async Task Json_features_carry_the_four_masks_by_name()
    {
        var result = await CliHost.RunAsync("probe", "--iface", "lo", "--format", "json");

        using var doc = JsonDocument.Parse(result.Stdout);
        var features = doc.RootElement.GetProperty("interfaces")[0].GetProperty("features").EnumerateArray()
            .ToDictionary(f => f.GetProperty("name").GetString()!);
        var checksum = features["tx-checksum-ip-generic"];
        Assert.True(checksum.GetProperty("active").GetBoolean());
        Assert.False(checksum.GetProperty("available").GetBoolean());
        Assert.True(checksum.GetProperty("fixed").GetBoolean());
        Assert.True(features["vlan-challenged"].GetProperty("neverChanged").GetBoolean());
    }

    [Fact]
    public async Task Table_leads_with_encapsulation_offloads_and_gro()
    {
        HostSkips.UnlessHostInterface("eth0");

        var result = await CliHost.RunAsync("probe", "--iface", "eth0");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n');
        int At(string start) => Array.FindIndex(lines, l => l.TrimStart().StartsWith(start, StringComparison.Ordinal));
        Assert.True(At("VXLAN segmentation") < At("IPIP segmentation"));
        Assert.True(At("WireGuard") < At("GRO "));
        Assert.True(At("GRE segmentation") < At("UDP GRO forwarding"));
        Assert.True(At("UDP tunnel-port offload") < At("driver "));
        Assert.True(At("driver ") < At("rings "));
        // The virtio NIC cannot segment VXLAN: the verdict says the kernel does it in software
        Assert.Matches(@"VXLAN segmentation\s+software\s+tx-udp_tnl-segmentation: off \[fixed\]", lines[At("VXLAN segmentation")]);
    }

    [Fact]
    public void Reading_works_for_an_unprivileged_user()
    {
        // Given the built CLI run as nobody (setpriv drops root's uid, gid and capabilities)
        Requires.Root("to switch to an unprivileged user");

        // When
        var (code, stdout, stderr) = BuiltCli.RunAsNobody("probe", "--iface", "lo", "--format", "ethtool-k");

        // Then
        Assert.True(code == 0, stderr);
        Assert.Equal(Shell.Run("ethtool", "-k", "lo"), stdout);
    }

    [Theory]
    [InlineData("no interface 'ps-nosuch0' in network namespace 'host'", "--iface", "ps-nosuch0")]
    [InlineData("--iface 'sixteen-bytes-ab': an interface name has 1 to 15 bytes, not 16", "--iface", "sixteen-bytes-ab")]
    [InlineData("no network namespace 'ps-nosuchns' (see `ip netns list`)", "--netns", "ps-nosuchns")]
    [InlineData("'../etc' is not a valid network namespace name (letters, digits, '-', '_', '.'; at most 64)", "--netns", "../etc")]
    [InlineData("unknown format 'xml' (use table, json, ethtool-k)", "--format", "xml")]
    public async Task Bad_input_exits_2_with_one_line(string message, params string[] args)
    {
        var result = await CliHost.RunAsync(["probe", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"perfsuite: {message}\n", result.Stderr.ReplaceLineEndings("\n"));
        Assert.Equal("", result.Stdout);
    }
}
