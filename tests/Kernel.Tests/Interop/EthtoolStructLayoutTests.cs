using System.Runtime.CompilerServices;
using static PerfSuite.Kernel.Interop;

namespace PerfSuite.Kernel.Tests.Interop;

/// <summary>Pins every SIOCETHTOOL struct to the layout of linux/ethtool.h and net/if.h on LP64
/// (reference/ethtool-abi.md §0 and §2, checked there with offsetof against linux-libc-dev 6.1).</summary>
public sealed unsafe class EthtoolStructLayoutTests
{
    private static int Offset<T>(ref T value, void* field) where T : unmanaged =>
        (int)((byte*)field - (byte*)Unsafe.AsPointer(ref value));

    [Fact]
    public void Ifreq_is_40_bytes_with_ifr_data_at_16()
    {
        var s = default(ifreq);
        Assert.Equal(40, sizeof(ifreq));
        Assert.Equal(0, Offset(ref s, s.ifr_name));
        Assert.Equal(16, Offset(ref s, &s.ifr_data));
        Assert.Equal(24, Offset(ref s, s.ifr_union_rest));
    }

    [Fact]
    public void Ethtool_value_is_8_bytes()
    {
        var s = default(ethtool_value);
        Assert.Equal(8, sizeof(ethtool_value));
        Assert.Equal(4, Offset(ref s, &s.data));
    }

    [Fact]
    public void Ethtool_drvinfo_is_196_bytes()
    {
        var s = default(ethtool_drvinfo);
        Assert.Equal(196, sizeof(ethtool_drvinfo));
        Assert.Equal(4, Offset(ref s, s.driver));
        Assert.Equal(36, Offset(ref s, s.version));
        Assert.Equal(68, Offset(ref s, s.fw_version));
        Assert.Equal(100, Offset(ref s, s.bus_info));
        Assert.Equal(132, Offset(ref s, s.erom_version));
        Assert.Equal(164, Offset(ref s, s.reserved2));
        Assert.Equal(176, Offset(ref s, &s.n_priv_flags));
        Assert.Equal(180, Offset(ref s, &s.n_stats));
        Assert.Equal(184, Offset(ref s, &s.testinfo_len));
        Assert.Equal(188, Offset(ref s, &s.eedump_len));
        Assert.Equal(192, Offset(ref s, &s.regdump_len));
    }

    [Fact]
    public void Ethtool_sset_info_has_a_16_byte_header_and_pads_one_count_to_24()
    {
        var s = default(ethtool_sset_info);
        Assert.Equal(24, sizeof(ethtool_sset_info));
        Assert.Equal(4, Offset(ref s, &s.reserved));
        Assert.Equal(8, Offset(ref s, &s.sset_mask));
        Assert.Equal(16, Offset(ref s, s.data));
    }

    [Fact]
    public void Ethtool_gstrings_header_is_12_bytes()
    {
        var s = default(ethtool_gstrings);
        Assert.Equal(12, sizeof(ethtool_gstrings));
        Assert.Equal(4, Offset(ref s, &s.string_set));
        Assert.Equal(8, Offset(ref s, &s.len));
    }

    [Fact]
    public void Feature_headers_are_8_bytes_and_blocks_16_and_8()
    {
        var g = default(ethtool_gfeatures);
        var gb = default(ethtool_get_features_block);
        var sf = default(ethtool_sfeatures);
        var sb = default(ethtool_set_features_block);
        Assert.Equal(8, sizeof(ethtool_gfeatures));
        Assert.Equal(4, Offset(ref g, &g.size));
        Assert.Equal(16, sizeof(ethtool_get_features_block));
        Assert.Equal(4, Offset(ref gb, &gb.requested));
        Assert.Equal(8, Offset(ref gb, &gb.active));
        Assert.Equal(12, Offset(ref gb, &gb.never_changed));
        Assert.Equal(8, sizeof(ethtool_sfeatures));
        Assert.Equal(4, Offset(ref sf, &sf.size));
        Assert.Equal(8, sizeof(ethtool_set_features_block));
        Assert.Equal(4, Offset(ref sb, &sb.requested));
    }

    [Fact]
    public void Ethtool_ringparam_is_36_bytes()
    {
        var s = default(ethtool_ringparam);
        Assert.Equal(36, sizeof(ethtool_ringparam));
        Assert.Equal(4, Offset(ref s, &s.rx_max_pending));
        Assert.Equal(16, Offset(ref s, &s.tx_max_pending));
        Assert.Equal(20, Offset(ref s, &s.rx_pending));
        Assert.Equal(32, Offset(ref s, &s.tx_pending));
    }

    [Fact]
    public void Ethtool_channels_is_36_bytes()
    {
        var s = default(ethtool_channels);
        Assert.Equal(36, sizeof(ethtool_channels));
        Assert.Equal(4, Offset(ref s, &s.max_rx));
        Assert.Equal(16, Offset(ref s, &s.max_combined));
        Assert.Equal(20, Offset(ref s, &s.rx_count));
        Assert.Equal(32, Offset(ref s, &s.combined_count));
    }

    [Fact]
    public void Ethtool_coalesce_is_92_bytes_of_u32_in_kernel_order()
    {
        var s = default(ethtool_coalesce);
        Assert.Equal(92, sizeof(ethtool_coalesce));
        Assert.Equal(4, Offset(ref s, &s.rx_coalesce_usecs));
        Assert.Equal(20, Offset(ref s, &s.tx_coalesce_usecs));
        Assert.Equal(36, Offset(ref s, &s.stats_block_coalesce_usecs));
        Assert.Equal(40, Offset(ref s, &s.use_adaptive_rx_coalesce));
        Assert.Equal(44, Offset(ref s, &s.use_adaptive_tx_coalesce));
        Assert.Equal(48, Offset(ref s, &s.pkt_rate_low));
        Assert.Equal(68, Offset(ref s, &s.pkt_rate_high));
        Assert.Equal(84, Offset(ref s, &s.tx_max_coalesced_frames_high));
        Assert.Equal(88, Offset(ref s, &s.rate_sample_interval));
    }

    [Fact]
    public void Ethtool_link_settings_header_is_48_bytes_with_a_signed_word_count_at_15()
    {
        var s = default(ethtool_link_settings);
        Assert.Equal(48, sizeof(ethtool_link_settings));
        Assert.Equal(4, Offset(ref s, &s.speed));
        Assert.Equal(8, Offset(ref s, &s.duplex));
        Assert.Equal(9, Offset(ref s, &s.port));
        Assert.Equal(10, Offset(ref s, &s.phy_address));
        Assert.Equal(11, Offset(ref s, &s.autoneg));
        Assert.Equal(15, Offset(ref s, &s.link_mode_masks_nwords));
        Assert.Equal(16, Offset(ref s, &s.transceiver));
        Assert.Equal(19, Offset(ref s, &s.rate_matching));
        Assert.Equal(20, Offset(ref s, s.reserved));
        Assert.IsType<sbyte>(s.link_mode_masks_nwords);
    }

    [Fact]
    public void Ethtool_cmd_is_44_bytes()
    {
        var s = default(ethtool_cmd);
        Assert.Equal(44, sizeof(ethtool_cmd));
        Assert.Equal(4, Offset(ref s, &s.supported));
        Assert.Equal(8, Offset(ref s, &s.advertising));
        Assert.Equal(12, Offset(ref s, &s.speed));
        Assert.Equal(14, Offset(ref s, &s.duplex));
        Assert.Equal(15, Offset(ref s, &s.port));
        Assert.Equal(16, Offset(ref s, &s.phy_address));
        Assert.Equal(17, Offset(ref s, &s.transceiver));
        Assert.Equal(18, Offset(ref s, &s.autoneg));
        Assert.Equal(20, Offset(ref s, &s.maxtxpkt));
        Assert.Equal(28, Offset(ref s, &s.speed_hi));
        Assert.Equal(30, Offset(ref s, &s.eth_tp_mdix));
        Assert.Equal(32, Offset(ref s, &s.lp_advertising));
        Assert.Equal(36, Offset(ref s, s.reserved));
    }

    [Fact]
    public void Command_numbers_match_uapi_ethtool_h()
    {
        Assert.Equal(0x8946, SIOCETHTOOL);
        Assert.Equal<uint[]>(
            [0x01u, 0x03, 0x0a, 0x0e, 0x10, 0x1b, 0x37, 0x3a, 0x3b, 0x3c, 0x4c],
            [ETHTOOL_GSET, ETHTOOL_GDRVINFO, ETHTOOL_GLINK, ETHTOOL_GCOALESCE, ETHTOOL_GRINGPARAM, ETHTOOL_GSTRINGS,
             ETHTOOL_GSSET_INFO, ETHTOOL_GFEATURES, ETHTOOL_SFEATURES, ETHTOOL_GCHANNELS, ETHTOOL_GLINKSETTINGS]);
        Assert.Equal((4, 9), (ETH_SS_FEATURES, ETH_SS_LINK_MODES));
    }
}
