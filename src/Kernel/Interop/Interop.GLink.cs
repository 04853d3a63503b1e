using System.Runtime.InteropServices;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    internal const uint ETHTOOL_GLINK = 0x0a;

    /// <summary>struct ethtool_value: 8 bytes, the payload of every single-value command.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ethtool_value
    {
        public uint cmd;
        public uint data;
    }

    /// <summary>ETHTOOL_GLINK; the answer's <c>data</c> is 1 when the link is up.</summary>
    internal static unsafe byte[] GLink(EthtoolSocket socket, string ifName)
    {
        var answer = new byte[sizeof(ethtool_value)];
        MemoryMarshal.Write(answer, new ethtool_value { cmd = ETHTOOL_GLINK });
        SiocEthtool(socket, ifName, answer, "ETHTOOL_GLINK");
        return answer;
    }
}
