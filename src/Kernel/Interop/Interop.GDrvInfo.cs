using System.Runtime.InteropServices;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    internal const uint ETHTOOL_GDRVINFO = 0x03;
    internal const int ETHTOOL_INFO_STRING_LEN = 32;

    /// <summary>struct ethtool_drvinfo: 196 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct ethtool_drvinfo
    {
        public uint cmd;
        public fixed byte driver[ETHTOOL_INFO_STRING_LEN];
        public fixed byte version[ETHTOOL_INFO_STRING_LEN];
        public fixed byte fw_version[ETHTOOL_INFO_STRING_LEN];
        public fixed byte bus_info[ETHTOOL_INFO_STRING_LEN];
        public fixed byte erom_version[ETHTOOL_INFO_STRING_LEN];
        public fixed byte reserved2[12];
        public uint n_priv_flags;
        public uint n_stats;
        public uint testinfo_len;
        public uint eedump_len;
        public uint regdump_len;
    }

    /// <summary>ETHTOOL_GDRVINFO; returns the kernel's answer (an ethtool_drvinfo) as bytes.</summary>
    internal static unsafe byte[] GDrvInfo(EthtoolSocket socket, string ifName)
    {
        var answer = new byte[sizeof(ethtool_drvinfo)];
        MemoryMarshal.Write(answer, ETHTOOL_GDRVINFO);
        SiocEthtool(socket, ifName, answer, "ETHTOOL_GDRVINFO");
        return answer;
    }
}
