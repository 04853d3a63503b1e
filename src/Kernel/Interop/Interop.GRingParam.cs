using System.Runtime.InteropServices;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    internal const uint ETHTOOL_GRINGPARAM = 0x10;

    /// <summary>struct ethtool_ringparam: 36 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ethtool_ringparam
    {
        public uint cmd;
        public uint rx_max_pending;
        public uint rx_mini_max_pending;
        public uint rx_jumbo_max_pending;
        public uint tx_max_pending;
        public uint rx_pending;
        public uint rx_mini_pending;
        public uint rx_jumbo_pending;
        public uint tx_pending;
    }

    /// <summary>ETHTOOL_GRINGPARAM; EOPNOTSUPP for drivers without rings (most virtual devices).</summary>
    internal static unsafe byte[] GRingParam(EthtoolSocket socket, string ifName)
    {
        var answer = new byte[sizeof(ethtool_ringparam)];
        MemoryMarshal.Write(answer, ETHTOOL_GRINGPARAM);
        SiocEthtool(socket, ifName, answer, "ETHTOOL_GRINGPARAM");
        return answer;
    }
}
