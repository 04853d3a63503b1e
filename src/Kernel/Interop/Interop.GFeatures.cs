using System.Runtime.InteropServices;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    internal const uint ETHTOOL_GFEATURES = 0x3a;

    /// <summary>struct ethtool_gfeatures header (8 bytes); <c>size</c> blocks follow.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ethtool_gfeatures
    {
        public uint cmd;
        public uint size;
    }

    /// <summary>struct ethtool_get_features_block: one 32-bit word of each of the four feature masks.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ethtool_get_features_block
    {
        public uint available;
        public uint requested;
        public uint active;
        public uint never_changed;
    }

    /// <summary>ETHTOOL_GFEATURES with room for <paramref name="words"/> blocks. The answer's <c>size</c> is the
    /// kernel's word count, which may exceed what was supplied (then only the supplied words were filled).</summary>
    internal static unsafe byte[] GFeatures(EthtoolSocket socket, string ifName, uint words)
    {
        var request = new ethtool_gfeatures { cmd = ETHTOOL_GFEATURES, size = words };
        var answer = new byte[sizeof(ethtool_gfeatures) + checked((int)words * sizeof(ethtool_get_features_block))];
        MemoryMarshal.Write(answer, in request);
        SiocEthtool(socket, ifName, answer, "ETHTOOL_GFEATURES");
        return answer;
    }
}
