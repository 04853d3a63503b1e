using PerfSuite.Model.Errors;
using PerfSuite.Model.Probe;
using PerfSuite.Probe.Ethtool;
using PerfSuite.Report.Compare;

namespace PerfSuite.Report.Tests.Compare;

public sealed class EthtoolDumpParserTests
{
    public static TheoryData<string, string, string> RealDumps() => new(CompareFixtures.RealDumps);

    [Theory]
    [MemberData(nameof(RealDumps))]
    public void Real_dump_parses_to_the_features_the_probe_read_at_the_same_time(string dump, string name, string probe)
    {
        // Given ethtool's output and PerfSuite's own SIOCETHTOOL snapshot of one interface, taken together
        var snapshot = CompareFixtures.Snapshot(probe, name);

        // When the dump is parsed
        var parsed = EthtoolDumpParser.Parse(CompareFixtures.Text(dump), dump);

        // Then every feature has the four masks the kernel reported, not just what ethtool prints
        var single = Assert.Single(parsed.Interfaces);
        Assert.Equal(name, single.Name);
        Assert.Equal(ByName(snapshot.Features), ByName(single.Features));
    }

    [Theory]
    [MemberData(nameof(RealDumps))]
    public void Real_dump_parses_to_the_driver_ethtool_i_shows(string dump, string name, string probe)
    {
        var snapshot = CompareFixtures.Snapshot(probe, name);

        var parsed = Assert.Single(EthtoolDumpParser.Parse(CompareFixtures.Text(dump), dump).Interfaces);

        if (snapshot.Driver is null)
        {
            Assert.Null(parsed.Driver);
            return;
        }
        Assert.NotNull(parsed.Driver);
        Assert.Equal((snapshot.Driver.Driver, snapshot.Driver.Version, snapshot.Driver.FirmwareVersion, snapshot.Driver.BusInfo),
            (parsed.Driver.Driver, parsed.Driver.Version, parsed.Driver.FirmwareVersion, parsed.Driver.BusInfo));
        // ethtool -i says only whether each count is zero
        Assert.Equal(snapshot.Driver.StatsCount > 0, parsed.Driver.StatsCount > 0);
        Assert.Equal(snapshot.Driver.PrivateFlagCount > 0, parsed.Driver.PrivateFlagCount > 0);
    }

    [Theory]
    [MemberData(nameof(RealDumps))]
    public void Rendering_a_parsed_real_dump_gives_back_the_dump_byte_for_byte(string dump, string name, string probe)
    {
        _ = probe;
        var text = CompareFixtures.Text(dump);

        var parsed = Assert.Single(EthtoolDumpParser.Parse(text, dump).Interfaces);

        Assert.Equal(CompareFixtures.FeaturesSection(text), EthtoolKRenderer.Render(name, parsed.Features));
    }

    [Fact]
    public void Parse_of_render_gives_back_every_snapshot_feature_of_every_recorded_interface()
    {
        // Given every interface of both snapshots (eth0, lo, veth0, veth1, vxlan0 and the namespace's lo)
        var snapshots = CompareFixtures.Probe("host.probe.json").Interfaces
            .Concat(CompareFixtures.Probe("scratch.probe.json").Interfaces)
            .ToList();
        Assert.Equal(6, snapshots.Count);

        foreach (var snapshot in snapshots)
        {
            // When rendered as ethtool -k and parsed back
            var text = EthtoolKRenderer.Render(snapshot.Name, snapshot.Features);
            var parsed = Assert.Single(EthtoolDumpParser.Parse(text, snapshot.Name).Interfaces);

            // Then the features are the snapshot's, record for record
            Assert.Equal(ByName(snapshot.Features), ByName(parsed.Features));
        }
    }

    [Fact]
    public void Parse_of_render_keeps_requested_states_and_never_change_bits()
    {
        // Given eth0's features with every suffix ethtool prints: fixed, never-change, requested on, requested off
        // (a kernel names every feature on every device, so each ethtool group keeps its members)
        var changed = new Dictionary<string, FeatureState>(StringComparer.Ordinal)
        {
            ["tx-tcp-segmentation"] = new("tx-tcp-segmentation", true, true, false, false),
            ["tx-tcp6-segmentation"] = new("tx-tcp6-segmentation", true, false, true, false),
            ["rx-gro"] = new("rx-gro", true, true, false, false),
            ["tx-udp_tnl-segmentation"] = new("tx-udp_tnl-segmentation", true, true, true, false),
            ["vlan-challenged"] = new("vlan-challenged", false, false, true, true),
        };
        var features = CompareFixtures.Snapshot("host.probe.json", "eth0").Features
            .Select(f => changed.GetValueOrDefault(f.Name) ?? f)
            .ToList();

        // When rendered and parsed back
        var text = EthtoolKRenderer.Render("ens1", features);
        var parsed = Assert.Single(EthtoolDumpParser.Parse(text, "ens1").Interfaces);

        // Then
        Assert.Contains("\ttx-tcp-segmentation: off [requested on]\n", text, StringComparison.Ordinal);
        Assert.Contains("\ttx-tcp6-segmentation: on [requested off]\n", text, StringComparison.Ordinal);
        Assert.Contains("generic-receive-offload: off [requested on]\n", text, StringComparison.Ordinal);
        Assert.Contains("vlan-challenged: on [fixed]\n", text, StringComparison.Ordinal);
        Assert.Equal(ByName(features), ByName(parsed.Features));
    }

    [Fact]
    public void Composed_mlx5_dump_reads_driver_firmware_and_tunnel_offloads()
    {
        var name = CompareFixtures.ComposedDumps[0];
        var text = CompareFixtures.Text(name);

        var parsed = Assert.Single(EthtoolDumpParser.Parse(text, name).Interfaces);

        Assert.Equal("enp59s0f0np0", parsed.Name);
        Assert.Equal(15, parsed.Line);
        Assert.Equal(("mlx5_core", "16.35.2000 (MT_0000000080)", "0000:3b:00.0", ""),
            (parsed.Driver!.Driver, parsed.Driver.FirmwareVersion, parsed.Driver.BusInfo, parsed.Driver.ExpansionRomVersion));
        var features = ByName(parsed.Features);
        Assert.Equal(new FeatureState("tx-udp_tnl-segmentation", true, true, true, false), features["tx-udp_tnl-segmentation"]);
        Assert.Equal(new FeatureState("rx-gro-hw", false, false, false, false), features["rx-gro-hw"]);
        Assert.Equal(new FeatureState("tx-checksum-ip-generic", false, false, false, false), features["tx-checksum-ip-generic"]);
        Assert.Equal(new FeatureState("netns-local", false, false, false, true), features["netns-local"]);
        // 65 lines below the header, three of them group summaries
        Assert.Equal(62, parsed.Features.Count);
        Assert.Equal(CompareFixtures.FeaturesSection(text), EthtoolKRenderer.Render(parsed.Name, parsed.Features));
    }

    [Fact]
    public void Composed_ixgbe_dump_in_the_old_ioctl_layout_reads_the_kernel_4_4_feature_names()
    {
        var name = CompareFixtures.ComposedDumps[1];

        var parsed = Assert.Single(EthtoolDumpParser.Parse(CompareFixtures.Text(name), name).Interfaces);

        var features = ByName(parsed.Features);
        Assert.Equal("ixgbe", parsed.Driver!.Driver);
        // udp-fragmentation-offload stands alone: the one feature its group names
        Assert.Equal(new FeatureState("tx-udp-fragmentation", false, false, false, false), features["tx-udp-fragmentation"]);
        Assert.True(features["tx-ipip-segmentation"].Active);
        Assert.True(features["busy-poll"].Fixed);
        Assert.False(features.ContainsKey("tx-udp_tnl-csum-segmentation"));
        Assert.False(features.ContainsKey("rx-gro-hw"));
        Assert.Equal(["tx-tcp-segmentation", "tx-tcp-ecn-segmentation", "tx-tcp6-segmentation"],
            parsed.Features.Where(f => f.Name.StartsWith("tx-tcp", StringComparison.Ordinal)).Select(f => f.Name));
    }

    [Fact]
    public void Tabs_turned_into_spaces_and_crlf_line_ends_parse_the_same()
    {
        // Given a dump as a mail program or a chat window passes it on
        var text = CompareFixtures.Text("veth0.ethtool-i-k.txt");
        var mangled = text.Replace("\t", "        ", StringComparison.Ordinal).Replace("\n", "  \r\n", StringComparison.Ordinal);

        var original = Assert.Single(EthtoolDumpParser.Parse(text, "a").Interfaces);
        var copy = Assert.Single(EthtoolDumpParser.Parse(mangled, "b").Interfaces);

        Assert.Equal(ByName(original.Features), ByName(copy.Features));
        Assert.Equal(original.Driver, copy.Driver);
    }

    [Fact]
    public void Several_blocks_each_take_the_ethtool_i_output_and_messages_above_them()
    {
        // Given eth0 with ethtool -i, then lo whose ethtool -i failed, saved with 2>&1, separated by a blank line
        var text = CompareFixtures.Text("eth0.ethtool-i-k.txt") + "\n# lo next\n$ ethtool -i lo\nCannot get driver information: Operation not supported\n"
            + CompareFixtures.Text("lo.ethtool-k.txt");

        var parsed = EthtoolDumpParser.Parse(text, "both");

        Assert.Equal(["eth0", "lo"], parsed.Interfaces.Select(i => i.Name));
        Assert.Equal("virtio_net", parsed.Interfaces[0].Driver!.Driver);
        Assert.Empty(parsed.Interfaces[0].Notes);
        Assert.Null(parsed.Interfaces[1].Driver);
        Assert.Equal(["Cannot get driver information: Operation not supported"], parsed.Interfaces[1].Notes);
        Assert.Equal(ByName(CompareFixtures.Snapshot("host.probe.json", "lo").Features), ByName(parsed.Interfaces[1].Features));
    }

    public static TheoryData<string, string> BadDumps() => new()
    {
        { "Features for eth0:\nrx-checksumming: on\ntx-checksumming on\n", "dump line 3: 'tx-checksumming on' is not a feature line" },
        { "Features for eth0:\nrx-checksumming: maybe\n", "dump line 2: 'rx-checksumming: maybe' is not a feature line" },
        { "Features for eth0:\ntcp-segmentation-offload: on\n\ttx-tcp-segmentation: on\n\trx-gro: on\n",
            "dump line 4: 'rx-gro' is indented under 'tcp-segmentation-offload' (line 2), which stands for tx-tcp*-segmentation only" },
        { "Features for eth0:\n\ttx-tcp-segmentation: on\n", "dump line 2: 'tx-tcp-segmentation' is indented, but no group line" },
        { "Features for eth0:\nrx-gro-hw: on\nhighdma: on\nrx-gro-hw: off\n", "dump line 4: feature rx-gro-hw appears twice in the block for eth0 (first on line 2)" },
        { "driver: ixgbe\nFeatures for eth0:\n\nrx-gro-hw: on\n", "dump line 2: 'Features for eth0:' is followed by no feature lines" },
        { "Features for eth0:\ntx-checksumming: on\nhighdma: on\n", "dump line 2: 'tx-checksumming' stands alone, so it is a single feature, but its pattern tx-checksum-* does not say which" },
        { "Offload parameters for eth0:\nrx-checksumming: on\n", "dump line 1: 'Offload parameters for ...' is the layout of ethtool before 3.1" },
        { "driver: ixgbe\nversion: 4.2.1-k\n", "dump line 1: ethtool -i output with no 'Features for IF:' block after it" },
        { "driver: ixgbe\nrx-checksumming: on\n", "dump line 2: 'rx-checksumming: on' is a feature line, but no 'Features for IF:' line comes between it and the ethtool -i output above (line 1)" },
        { "Features for eth0:\ntcp-segmentation-offload: on [fixed]\n\ttx-tcp-segmentation: on\n", "dump line 2: 'tcp-segmentation-offload' is a group summary" },
        { "Features for eth0:\nTX-GRO: on\n", "dump line 2: 'TX-GRO' is not a kernel feature name" },
        { "Features for eth0:\nrx-gro: on\nFeatures for eth0:\nrx-gro: on\n", "dump line 3: a second block for eth0 (the first is on line 1)" },
        { "Features for eth0:\nrx-gro: on\n\n\ttx-tcp-segmentation: on\n", "dump line 4: '\ttx-tcp-segmentation: on' is outside any 'Features for IF:' block".Replace("\t", "", StringComparison.Ordinal) },
        { "hello\n", "dump line 1: 'hello' is not ethtool output" },
        { "# only a comment\n", "dump has no 'Features for IF:' line: it holds no ethtool -k output" },
    };

    [Theory]
    [MemberData(nameof(BadDumps))]
    public void A_dump_that_does_not_parse_is_refused_naming_the_line_and_why(string text, string expected)
    {
        var error = Assert.Throws<PerfSuiteException>(() => EthtoolDumpParser.Parse(text, "dump"));

        Assert.Equal(ErrorReason.InvalidArgument, error.Reason);
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("Features for eth0:\nrx-gro: on\n", true)]
    [InlineData("\n# saved on node-7\nroot@node-7:~# ethtool -i eth0\ndriver: ixgbe\n", true)]
    [InlineData("Cannot get driver information: Operation not supported\n", true)]
    [InlineData("Offload parameters for eth0:\n", true)]
    [InlineData("hello\nFeatures for eth0:\n", false)]
    [InlineData("", false)]
    public void Looks_like_a_dump_only_when_the_first_meaningful_line_is_ethtool_output(string text, bool expected) =>
        Assert.Equal(expected, EthtoolDumpParser.LooksLikeDump(text));

    private static Dictionary<string, FeatureState> ByName(IEnumerable<FeatureState> features) =>
        features.ToDictionary(f => f.Name, StringComparer.Ordinal);
}
