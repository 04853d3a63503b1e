using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Probe;
using static PerfSuite.Kernel.Interop;

namespace PerfSuite.Kernel.Ethtool;

/// <summary>Turns the kernel's SIOCETHTOOL answers (the command structs, as bytes) into snapshot records. Kept
/// apart from the ioctls so it is tested on answers recorded from a real kernel.</summary>
internal static class EthtoolAnswerDecoder
{
    /// <summary>ethtool_sset_info: the count of <paramref name="stringSet"/>, or null when the kernel cleared its
    /// bit (it has no such set for this device).</summary>
    public static uint? StringSetCount(ReadOnlySpan<byte> answer, int stringSet)
    {
        var info = Read<ethtool_sset_info>(answer, "ETHTOOL_GSSET_INFO");
        return (info.sset_mask & (1UL << stringSet)) != 0 ? MemoryMarshal.Read<uint>(answer[16..]) : null;
    }

    /// <summary>ethtool_gstrings: the strings by index. Like ethtool, a slot's last byte is treated as NUL, so a
    /// name of ETH_GSTRING_LEN characters is cut to 31.</summary>
    public static IReadOnlyList<string> Strings(ReadOnlySpan<byte> answer)
    {
        var header = Read<ethtool_gstrings>(answer, "ETHTOOL_GSTRINGS");
        var slots = answer[Unsafe.SizeOf<ethtool_gstrings>()..];
        if ((long)header.len * ETH_GSTRING_LEN > slots.Length)
            throw Malformed("ETHTOOL_GSTRINGS", $"{header.len} strings announced, {slots.Length / ETH_GSTRING_LEN} slots present");
        var strings = new string[header.len];
        for (var i = 0; i < strings.Length; i++)
            strings[i] = CString(slots.Slice(i * ETH_GSTRING_LEN, ETH_GSTRING_LEN - 1));
        return strings;
    }

    /// <summary>ethtool_gfeatures decoded against the ETH_SS_FEATURES names: feature bit j is named by string j
    /// and lives in word j/32 of each mask. Unnamed bits (empty strings) are left out.</summary>
    public static EthtoolFeatureSet Features(IReadOnlyList<string> names, ReadOnlySpan<byte> answer)
    {
        var header = Read<ethtool_gfeatures>(answer, "ETHTOOL_GFEATURES");
        var blocks = MemoryMarshal.Cast<byte, ethtool_get_features_block>(answer[Unsafe.SizeOf<ethtool_gfeatures>()..]);
        var filled = (int)Math.Min(header.size, (uint)blocks.Length);
        if (names.Count > filled * 32)
            throw Malformed("ETHTOOL_GFEATURES", $"{names.Count} feature names but {filled} words of masks");
        var features = new List<FeatureState>(names.Count);
        for (var bit = 0; bit < names.Count; bit++)
        {
            if (names[bit].Length == 0)
                continue;
            var block = blocks[bit / 32];
            var mask = 1u << (bit % 32);
            features.Add(new FeatureState(names[bit],
                Available: (block.available & mask) != 0,
                Requested: (block.requested & mask) != 0,
                Active: (block.active & mask) != 0,
                NeverChanged: (block.never_changed & mask) != 0));
        }
        return new EthtoolFeatureSet(names, features, (int)header.size);
    }

    /// <summary>The kernel's ETHTOOL_DEV_FEATURE_WORDS from a GFEATURES answer.</summary>
    public static uint FeatureWords(ReadOnlySpan<byte> answer) => Read<ethtool_gfeatures>(answer, "ETHTOOL_GFEATURES").size;

    public static unsafe DriverInfo DriverInfo(ReadOnlySpan<byte> answer)
    {
        var info = Read<ethtool_drvinfo>(answer, "ETHTOOL_GDRVINFO");
        return new DriverInfo(
            CString(new ReadOnlySpan<byte>(info.driver, ETHTOOL_INFO_STRING_LEN)),
            CString(new ReadOnlySpan<byte>(info.version, ETHTOOL_INFO_STRING_LEN)),
            CString(new ReadOnlySpan<byte>(info.fw_version, ETHTOOL_INFO_STRING_LEN)),
            CString(new ReadOnlySpan<byte>(info.bus_info, ETHTOOL_INFO_STRING_LEN)),
            CString(new ReadOnlySpan<byte>(info.erom_version, ETHTOOL_INFO_STRING_LEN)),
            info.n_priv_flags, info.n_stats, info.testinfo_len, info.eedump_len, info.regdump_len);
    }

    /// <summary>ETHTOOL_GLINK's ethtool_value: data is 1 when the link is up.</summary>
    public static bool LinkDetected(ReadOnlySpan<byte> answer) => Read<ethtool_value>(answer, "ETHTOOL_GLINK").data != 0;

    /// <summary>The first GLINKSETTINGS answer of the handshake: the kernel's mask word count N when it answered
    /// -N, or null when it did not (the driver predates link_ksettings: use GSET).</summary>
    public static int? LinkModeWords(ReadOnlySpan<byte> answer)
    {
        var header = Read<ethtool_link_settings>(answer, "ETHTOOL_GLINKSETTINGS");
        if (header.cmd != ETHTOOL_GLINKSETTINGS || header.link_mode_masks_nwords >= 0)
            return null;
        return -header.link_mode_masks_nwords;
    }

    /// <summary>The second GLINKSETTINGS answer: the header and three masks of nwords u32, named by the
    /// ETH_SS_LINK_MODES strings.</summary>
    public static LinkSettings LinkSettings(ReadOnlySpan<byte> answer, IReadOnlyList<string> linkModeNames, bool? linkDetected)
    {
        var header = Read<ethtool_link_settings>(answer, "ETHTOOL_GLINKSETTINGS");
        var words = header.link_mode_masks_nwords;
        if (header.cmd != ETHTOOL_GLINKSETTINGS || words <= 0)
            throw Malformed("ETHTOOL_GLINKSETTINGS", $"cmd {header.cmd:x}, {words} mask words after the handshake");
        var masks = MemoryMarshal.Cast<byte, uint>(answer[Unsafe.SizeOf<ethtool_link_settings>()..]);
        if (masks.Length < 3 * words)
            throw Malformed("ETHTOOL_GLINKSETTINGS", $"{words} mask words announced, {masks.Length / 3} present");
        return new LinkSettings(
            Speed(header.speed),
            DuplexName(header.duplex),
            PortName(header.port),
            header.autoneg != 0,
            header.phy_address,
            TransceiverName(header.transceiver),
            LinkModes(masks[..words], linkModeNames),
            LinkModes(masks.Slice(words, words), linkModeNames),
            LinkModes(masks.Slice(2 * words, words), linkModeNames),
            linkDetected);
    }

    /// <summary>The legacy ethtool_cmd (GSET): 32-bit masks, which are word 0 of the link-mode bitmaps, and the
    /// speed split in two u16 halves.</summary>
    public static LinkSettings LegacyLinkSettings(ReadOnlySpan<byte> answer, IReadOnlyList<string> linkModeNames, bool? linkDetected)
    {
        var cmd = Read<ethtool_cmd>(answer, "ETHTOOL_GSET");
        return new LinkSettings(
            Speed(((uint)cmd.speed_hi << 16) | cmd.speed),
            DuplexName(cmd.duplex),
            PortName(cmd.port),
            cmd.autoneg != 0,
            cmd.phy_address,
            TransceiverName(cmd.transceiver),
            LinkModes([cmd.supported], linkModeNames),
            LinkModes([cmd.advertising], linkModeNames),
            LinkModes([cmd.lp_advertising], linkModeNames),
            linkDetected);
    }

    public static RingParams Rings(ReadOnlySpan<byte> answer)
    {
        var r = Read<ethtool_ringparam>(answer, "ETHTOOL_GRINGPARAM");
        return new RingParams(r.rx_max_pending, r.rx_mini_max_pending, r.rx_jumbo_max_pending, r.tx_max_pending,
            r.rx_pending, r.rx_mini_pending, r.rx_jumbo_pending, r.tx_pending);
    }

    public static ChannelParams Channels(ReadOnlySpan<byte> answer)
    {
        var c = Read<ethtool_channels>(answer, "ETHTOOL_GCHANNELS");
        return new ChannelParams(c.max_rx, c.max_tx, c.max_other, c.max_combined,
            c.rx_count, c.tx_count, c.other_count, c.combined_count);
    }

    public static CoalesceParams Coalesce(ReadOnlySpan<byte> answer)
    {
        var c = Read<ethtool_coalesce>(answer, "ETHTOOL_GCOALESCE");
        return new CoalesceParams(
            c.rx_coalesce_usecs, c.rx_max_coalesced_frames, c.rx_coalesce_usecs_irq, c.rx_max_coalesced_frames_irq,
            c.tx_coalesce_usecs, c.tx_max_coalesced_frames, c.tx_coalesce_usecs_irq, c.tx_max_coalesced_frames_irq,
            c.stats_block_coalesce_usecs, c.use_adaptive_rx_coalesce != 0, c.use_adaptive_tx_coalesce != 0,
            c.pkt_rate_low, c.rx_coalesce_usecs_low, c.rx_max_coalesced_frames_low, c.tx_coalesce_usecs_low, c.tx_max_coalesced_frames_low,
            c.pkt_rate_high, c.rx_coalesce_usecs_high, c.rx_max_coalesced_frames_high, c.tx_coalesce_usecs_high, c.tx_max_coalesced_frames_high,
            c.rate_sample_interval);
    }

    /// <summary>ethtool prints "Unknown!" for 0 and SPEED_UNKNOWN (0xFFFFFFFF, or 0xFFFF from a 16-bit field).</summary>
    private static uint? Speed(uint speed) => speed is 0 or 0xFFFF or 0xFFFF_FFFF ? null : speed;

    private static string DuplexName(byte duplex) => duplex switch
    {
        0 => "Half",
        1 => "Full",
        0xff => "Unknown",
        _ => $"Unknown ({duplex})",
    };

    // PORT_* in uapi ethtool.h, with the words `ethtool IF` prints.
    private static string PortName(byte port) => port switch
    {
        0x00 => "Twisted Pair",
        0x01 => "AUI",
        0x02 => "BNC",
        0x03 => "MII",
        0x04 => "FIBRE",
        0x05 => "Direct Attach Copper",
        0xef => "None",
        0xff => "Other",
        _ => $"Unknown ({port})",
    };

    private static string TransceiverName(byte transceiver) => transceiver switch
    {
        0 => "internal",
        1 => "external",
        _ => $"Unknown ({transceiver})",
    };

    private static string[] LinkModes(ReadOnlySpan<uint> mask, IReadOnlyList<string> names)
    {
        var modes = new List<string>();
        for (var bit = 0; bit < mask.Length * 32; bit++)
        {
            if ((mask[bit / 32] & (1u << (bit % 32))) == 0)
                continue;
            modes.Add(bit < names.Count && names[bit].Length > 0 ? names[bit] : $"link-mode-bit-{bit}");
        }
        return [.. modes];
    }

    private static string CString(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }

    private static T Read<T>(ReadOnlySpan<byte> answer, string command) where T : struct =>
        answer.Length >= Unsafe.SizeOf<T>()
            ? MemoryMarshal.Read<T>(answer)
            : throw Malformed(command, $"{answer.Length} bytes, expected at least {Unsafe.SizeOf<T>()}");

    private static PerfSuiteException Malformed(string command, string detail) =>
        new(ErrorReason.Protocol, $"malformed {command} answer from the kernel: {detail}");
}
