using System.Runtime.InteropServices;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    internal const uint ETHTOOL_GSET = 0x01;

    /// <summary>struct ethtool_cmd (deprecated, 44 bytes): the link settings of drivers without
    /// get_link_ksettings. Its 32-bit masks are the first word of the link-mode bitmaps.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct ethtool_cmd
    {
        public uint cmd;
        public uint supported;
        public uint advertising;
        public ushort speed;
        public byte duplex;
        public byte port;
        public byte phy_address;
        public byte transceiver;
        public byte autoneg;
        public byte mdio_support;
        public uint maxtxpkt;
        public uint maxrxpkt;
        public ushort speed_hi;
        public byte eth_tp_mdix;
        public byte eth_tp_mdix_ctrl;
        public uint lp_advertising;
        public fixed uint reserved[2];
    }

    /// <summary>ETHTOOL_GSET, the fallback when the GLINKSETTINGS handshake does not answer.</summary>
    internal static unsafe byte[] GSet(EthtoolSocket socket, string ifName)
    {
        var answer = new byte[sizeof(ethtool_cmd)];
        MemoryMarshal.Write(answer, ETHTOOL_GSET);
        SiocEthtool(socket, ifName, answer, "ETHTOOL_GSET");
        return answer;
    }
}
