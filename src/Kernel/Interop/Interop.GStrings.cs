using System.Runtime.InteropServices;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    internal const uint ETHTOOL_GSTRINGS = 0x1b;
    internal const int ETH_GSTRING_LEN = 32;

    /// <summary>struct ethtool_gstrings header (12 bytes); <c>len</c> slots of ETH_GSTRING_LEN bytes follow.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ethtool_gstrings
    {
        public uint cmd;
        public uint string_set;
        public uint len;
    }

    /// <summary>ETHTOOL_GSTRINGS for <paramref name="count"/> strings of one set (the count comes from
    /// GSSET_INFO); returns the header and the string slots.</summary>
    internal static unsafe byte[] GStrings(EthtoolSocket socket, string ifName, int stringSet, uint count)
    {
        var request = new ethtool_gstrings { cmd = ETHTOOL_GSTRINGS, string_set = (uint)stringSet, len = count };
        var answer = new byte[sizeof(ethtool_gstrings) + checked((int)count * ETH_GSTRING_LEN)];
        MemoryMarshal.Write(answer, in request);
        SiocEthtool(socket, ifName, answer, "ETHTOOL_GSTRINGS");
        return answer;
    }
}
