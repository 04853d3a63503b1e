using System.Buffers.Binary;
using PerfSuite.Kernel.Ethtool;
using PerfSuite.Kernel.Tests.Fixtures;
using PerfSuite.Model.Errors;
using static PerfSuite.Kernel.Interop;
using static PerfSuite.Kernel.Tests.Fixtures.RecordedAnswers;

namespace PerfSuite.Kernel.Tests.Ethtool;

/// <summary>Decoding of answers recorded from this machine's kernel, checked against what ethtool printed for
/// the same devices at the same moment.</summary>
public sealed class EthtoolAnswerDecoderTests
{
    public static TheoryData<string> Devices => new(RecordedAnswers.Devices);

    [Fact]
    public void Feature_strings_are_the_kernel_names_by_bit_with_empty_unused_slots()
    {
        // When
        var names = FeatureNames;

        // Then: one name per counted bit, the kernel's own names, and the unused bits left empty
        Assert.Equal(StringSetCount(ETH_SS_FEATURES), names.Count);
        Assert.Equal("tx-scatter-gather", names[0]);
        Assert.Contains("tx-udp_tnl-segmentation", names);
        Assert.Contains("rx-udp-gro-forwarding", names);
        Assert.Contains("", names);
        Assert.DoesNotContain("tx-udp-fragmentation", names);
    }

    [Fact]
    public void Link_mode_strings_start_with_10baseT_Half()
    {
        var names = LinkModeNames;

        Assert.Equal(StringSetCount(ETH_SS_LINK_MODES), names.Count);
        Assert.Equal(["10baseT/Half", "10baseT/Full", "100baseT/Half", "100baseT/Full"], names.Take(4));
        Assert.Equal("10000baseT/Full", names[12]);
    }

    [Fact]
    public void A_32_character_string_is_cut_at_31_like_ethtool_does()
    {
        // Given a GSTRINGS answer whose only slot is filled to the last byte
        var answer = new byte[12 + ETH_GSTRING_LEN];
        BinaryPrimitives.WriteUInt32LittleEndian(answer.AsSpan(8), 1);
        answer.AsSpan(12).Fill((byte)'a');

        // Then
        Assert.Equal(new string('a', 31), Assert.Single(EthtoolAnswerDecoder.Strings(answer)));
    }

    [Fact]
    public void Feature_masks_decode_by_name_for_the_virtio_nic()
    {
        // When
        var features = Features("eth0");

        // Then: what `ethtool -k eth0` showed when it was recorded
        Assert.Equal((Available: true, Requested: true, Active: true, NeverChanged: false),
            Masks(features["tx-tcp-segmentation"]!));
        Assert.Equal((Available: false, Requested: false, Active: false, NeverChanged: false),
            Masks(features["tx-udp_tnl-segmentation"]!));
        Assert.True(features["rx-gro-hw"]!.Active);
        Assert.True(features["rx-gro-hw"]!.Fixed);
        Assert.False(features["rx-udp-gro-forwarding"]!.Fixed);
        Assert.Equal(2, features.KernelWords);
        Assert.Equal(FeatureNames.Count(n => n.Length > 0), features.Features.Count);
    }

    [Fact]
    public void Never_change_bits_come_through_for_loopback()
    {
        // Given loopback, which is VLAN-challenged (NETIF_F_NEVER_CHANGE; netns-local left the feature bits in 6.x)
        var features = Features("lo");

        Assert.True(features["vlan-challenged"]!.NeverChanged);
        Assert.True(features["vlan-challenged"]!.Active);
        Assert.True(features["vlan-challenged"]!.Fixed);
        Assert.Null(features["netns-local"]);
    }

    [Fact]
    public void Requested_differs_from_active_where_a_dependency_blocks_it()
    {
        // Given veth0: scatter-gather turned off, then TSO requested on again
        var features = Features("veth0");

        Assert.False(features["tx-scatter-gather"]!.Active);
        Assert.True(features["tx-tcp-segmentation"]!.Requested);
        Assert.False(features["tx-tcp-segmentation"]!.Active);
    }

    [Fact]
    public void Masks_beyond_the_words_the_kernel_filled_are_rejected()
    {
        // Given a GFEATURES answer cut to one word while the names need two
        var answer = Bytes("eth0.gfeatures")[..(8 + 16)];
        BinaryPrimitives.WriteUInt32LittleEndian(answer.AsSpan(4), 1);

        var e = Assert.Throws<PerfSuiteException>(() => EthtoolAnswerDecoder.Features(FeatureNames, answer));
        Assert.Equal(ErrorReason.Protocol, e.Reason);
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Driver_info_matches_ethtool_i(string device)
    {
        if (!Has($"{device}.gdrvinfo"))
        {
            // Then: no answer recorded means EOPNOTSUPP, and ethtool -i failed too
            Assert.False(HasText($"{device}.ethtool-i"));
            return;
        }
        var info = EthtoolAnswerDecoder.DriverInfo(Bytes($"{device}.gdrvinfo"));
        var text = Text($"{device}.ethtool-i");

        Assert.Equal(Field(text, "driver"), info.Driver);
        Assert.Equal(Field(text, "version"), info.Version);
        Assert.Equal(Field(text, "firmware-version"), info.FirmwareVersion);
        Assert.Equal(Field(text, "bus-info"), info.BusInfo);
        Assert.Equal(Field(text, "supports-statistics") == "yes", info.StatsCount > 0);
        Assert.Equal(Field(text, "supports-priv-flags") == "yes", info.PrivateFlagCount > 0);
    }

    [Fact]
    public void Drivers_are_the_expected_kinds()
    {
        string Driver(string d) => EthtoolAnswerDecoder.DriverInfo(Bytes($"{d}.gdrvinfo")).Driver;

        Assert.Equal(["virtio_net", "veth", "bridge", "vxlan", "tun", "macvlan"],
            [Driver("eth0"), Driver("veth0"), Driver("br0"), Driver("vxlan0"), Driver("tun0"), Driver("macvlan0")]);
        Assert.Equal("0000:00:03.0", EthtoolAnswerDecoder.DriverInfo(Bytes("eth0.gdrvinfo")).BusInfo);
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Link_settings_match_ethtool(string device)
    {
        var text = Text($"{device}.ethtool");
        var detected = EthtoolAnswerDecoder.LinkDetected(Bytes($"{device}.glink"));
        Assert.Equal(Field(text, "Link detected") == "yes", detected);
        if (!Has($"{device}.glinksettings-handshake"))
        {
            Assert.DoesNotContain("Speed:", text, StringComparison.Ordinal);
            return;
        }

        // When: the handshake answer, then the full answer
        var words = EthtoolAnswerDecoder.LinkModeWords(Bytes($"{device}.glinksettings-handshake"));
        var link = EthtoolAnswerDecoder.LinkSettings(Bytes($"{device}.glinksettings"), LinkModeNames, detected);

        // Then
        Assert.True(words > 0);
        Assert.Equal(words, (sbyte)Bytes($"{device}.glinksettings")[15]);
        var speed = Field(text, "Speed");
        Assert.Equal(speed == "Unknown!" ? null : speed.Replace("Mb/s", "", StringComparison.Ordinal), link.SpeedMbps?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith(link.Duplex, Field(text, "Duplex"), StringComparison.Ordinal);
        Assert.Equal(Field(text, "Port"), link.Port);
        Assert.Equal(Field(text, "Transceiver"), link.Transceiver);
        Assert.Equal(Field(text, "Auto-negotiation") == "on", link.Autoneg);
        Assert.Equal(Field(text, "PHYAD"), link.PhyAddress.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Field(text, "Supported link modes") == "Not reported", link.SupportedModes.Count == 0);
        Assert.Equal(Field(text, "Advertised link modes") == "Not reported", link.AdvertisedModes.Count == 0);
    }

    [Theory]
    [MemberData(nameof(Devices))]
    public void Legacy_gset_decodes_to_the_same_settings_as_the_handshake(string device)
    {
        if (!Has($"{device}.glinksettings"))
            return;

        var modern = EthtoolAnswerDecoder.LinkSettings(Bytes($"{device}.glinksettings"), LinkModeNames, true);
        var legacy = EthtoolAnswerDecoder.LegacyLinkSettings(Bytes($"{device}.gset"), LinkModeNames, true);

        Assert.Equal((modern.SpeedMbps, modern.Duplex, modern.Port, modern.Autoneg, modern.Transceiver),
            (legacy.SpeedMbps, legacy.Duplex, legacy.Port, legacy.Autoneg, legacy.Transceiver));
        Assert.Equal(modern.SupportedModes, legacy.SupportedModes);
    }

    [Fact]
    public void Link_mode_bits_are_named_by_the_link_mode_strings()
    {
        // Given veth0's recorded answer with bits 5 and 12 set in supported and 12 in advertised
        var answer = Bytes("veth0.glinksettings");
        var words = (sbyte)answer[15];
        BinaryPrimitives.WriteUInt32LittleEndian(answer.AsSpan(48), (1u << 5) | (1u << 12));
        BinaryPrimitives.WriteUInt32LittleEndian(answer.AsSpan(48 + 4 * words), 1u << 12);

        // When
        var link = EthtoolAnswerDecoder.LinkSettings(answer, LinkModeNames, null);

        // Then
        Assert.Equal(["1000baseT/Full", "10000baseT/Full"], link.SupportedModes);
        Assert.Equal(["10000baseT/Full"], link.AdvertisedModes);
        Assert.Empty(link.PartnerAdvertisedModes);
    }

    [Fact]
    public void A_handshake_without_a_negative_word_count_means_fall_back_to_gset()
    {
        var answer = Bytes("veth0.glinksettings");

        Assert.Null(EthtoolAnswerDecoder.LinkModeWords(answer));
    }

    [Fact]
    public void Rings_match_ethtool_g()
    {
        var rings = EthtoolAnswerDecoder.Rings(Bytes("eth0.gringparam"));
        var text = Text("eth0.ethtool-g");
        var max = Section(text, "Pre-set maximums:");
        var now = Section(text, "Current hardware settings:");

        Assert.Equal(Number(Field(max, "RX")), rings.RxMax);
        Assert.Equal(Number(Field(max, "TX")), rings.TxMax);
        Assert.Equal(Number(Field(now, "RX")), rings.Rx);
        Assert.Equal(Number(Field(now, "TX")), rings.Tx);
        Assert.Equal(0u, rings.RxJumboMax);
    }

    [Theory]
    [InlineData("eth0")]
    [InlineData("veth0")]
    [InlineData("tun0")]
    public void Channels_match_ethtool_l(string device)
    {
        var channels = EthtoolAnswerDecoder.Channels(Bytes($"{device}.gchannels"));
        var text = Text($"{device}.ethtool-l");
        var max = Section(text, "Pre-set maximums:");
        var now = Section(text, "Current hardware settings:");

        // ethtool prints 0 as "n/a"
        Assert.Equal(Number(Field(max, "RX")) ?? 0, channels.MaxRx);
        Assert.Equal(Number(Field(max, "TX")) ?? 0, channels.MaxTx);
        Assert.Equal(Number(Field(max, "Combined")) ?? 0, channels.MaxCombined);
        Assert.Equal(Number(Field(now, "RX")) ?? 0, channels.Rx);
        Assert.Equal(Number(Field(now, "TX")) ?? 0, channels.Tx);
        Assert.Equal(Number(Field(now, "Combined")) ?? 0, channels.Combined);
    }

    [Theory]
    [InlineData("eth0")]
    [InlineData("tun0")]
    public void Coalescing_matches_ethtool_c_where_the_driver_reports_it(string device)
    {
        var c = EthtoolAnswerDecoder.Coalesce(Bytes($"{device}.gcoalesce"));
        var text = Text($"{device}.ethtool-c");

        // "n/a" marks parameters the driver does not declare; the ioctl reports them as 0.
        Assert.Equal(Number(Field(text, "rx-usecs")) ?? 0, c.RxUsecs);
        Assert.Equal(Number(Field(text, "rx-frames")) ?? 0, c.RxMaxFrames);
        Assert.Equal(Number(Field(text, "tx-usecs")) ?? 0, c.TxUsecs);
        Assert.Equal(Number(Field(text, "tx-frames")) ?? 0, c.TxMaxFrames);
        Assert.Equal(Field(text, "Adaptive RX").StartsWith("on", StringComparison.Ordinal), c.AdaptiveRx);
    }

    [Fact]
    public void Virtual_devices_without_rings_have_no_recorded_answer_and_no_ethtool_g_output()
    {
        foreach (var device in new[] { "lo", "veth0", "br0", "vxlan0", "macvlan0" })
        {
            Assert.False(Has($"{device}.gringparam"), device);
            Assert.False(HasText($"{device}.ethtool-g"), device);
        }
    }

    [Fact]
    public void A_short_answer_is_a_protocol_error()
    {
        var e = Assert.Throws<PerfSuiteException>(() => EthtoolAnswerDecoder.Rings(new byte[20]));

        Assert.Equal(ErrorReason.Protocol, e.Reason);
        Assert.Contains("ETHTOOL_GRINGPARAM", e.Message, StringComparison.Ordinal);
    }

    private static (bool Available, bool Requested, bool Active, bool NeverChanged) Masks(Model.Probe.FeatureState f) =>
        (f.Available, f.Requested, f.Active, f.NeverChanged);
}
