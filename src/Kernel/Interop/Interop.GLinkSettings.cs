using System.Runtime.InteropServices;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    internal const uint ETHTOOL_GLINKSETTINGS = 0x4c;

    /// <summary>ETHTOOL_LINK_MODE_MASK_MAX_KERNEL_NU32 (SCHAR_MAX): the most mask words the s8 field can ask for.</summary>
    internal const int ETHTOOL_LINK_MODE_MASK_MAX_KERNEL_NU32 = 127;

    /// <summary>struct ethtool_link_settings: the 48-byte header. Three masks of link_mode_masks_nwords u32 each
    /// (supported, advertising, lp_advertising) follow it.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct ethtool_link_settings
    {
        public uint cmd;
        public uint speed;
        public byte duplex;
        public byte port;
        public byte phy_address;
        public byte autoneg;
        public byte mdio_support;
        public byte eth_tp_mdix;
        public byte eth_tp_mdix_ctrl;
        public sbyte link_mode_masks_nwords;
        public byte transceiver;
        public byte master_slave_cfg;
        public byte master_slave_state;
        public byte rate_matching;
        public fixed uint reserved[7];
    }

    /// <summary>One ETHTOOL_GLINKSETTINGS call with <paramref name="nwords"/> mask words. With 0 the kernel answers
    /// the handshake (link_mode_masks_nwords = -N); with N it fills the masks.</summary>
    internal static unsafe byte[] GLinkSettings(EthtoolSocket socket, string ifName, sbyte nwords)
    {
        // The handshake call gets the largest buffer, as ethtool allocates it, so a kernel that fills masks
        // anyway cannot write past it.
        var maskWords = nwords > 0 ? nwords : ETHTOOL_LINK_MODE_MASK_MAX_KERNEL_NU32;
        var answer = new byte[sizeof(ethtool_link_settings) + 3 * maskWords * sizeof(uint)];
        MemoryMarshal.Write(answer, new ethtool_link_settings { cmd = ETHTOOL_GLINKSETTINGS, link_mode_masks_nwords = nwords });
        SiocEthtool(socket, ifName, answer, "ETHTOOL_GLINKSETTINGS");
        return answer;
    }
}
