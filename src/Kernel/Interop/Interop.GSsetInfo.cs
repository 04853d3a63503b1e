using System.Runtime.InteropServices;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    internal const uint ETHTOOL_GSSET_INFO = 0x37;
    internal const int ETH_SS_FEATURES = 4;
    internal const int ETH_SS_LINK_MODES = 9;

    /// <summary>struct ethtool_sset_info with room for one count, as ethtool declares it: a 16-byte header, one
    /// u32, padded to 24 by the u64's alignment.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal unsafe struct ethtool_sset_info
    {
        public uint cmd;
        public uint reserved;
        public ulong sset_mask;
        public fixed uint data[1];
    }

    /// <summary>ETHTOOL_GSSET_INFO for one string set; returns the answer (mask cleared when the set has no
    /// count, otherwise data[0] holds it).</summary>
    internal static unsafe byte[] GSsetInfo(EthtoolSocket socket, string ifName, int stringSet)
    {
        var request = new ethtool_sset_info { cmd = ETHTOOL_GSSET_INFO, sset_mask = 1UL << stringSet };
        var answer = new byte[sizeof(ethtool_sset_info)];
        MemoryMarshal.Write(answer, in request);
        SiocEthtool(socket, ifName, answer, "ETHTOOL_GSSET_INFO");
        return answer;
    }
}
