using System.Runtime.InteropServices;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    internal const uint ETHTOOL_GCHANNELS = 0x3c;

    /// <summary>struct ethtool_channels: 36 bytes.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ethtool_channels
    {
        public uint cmd;
        public uint max_rx;
        public uint max_tx;
        public uint max_other;
        public uint max_combined;
        public uint rx_count;
        public uint tx_count;
        public uint other_count;
        public uint combined_count;
    }

    /// <summary>ETHTOOL_GCHANNELS; EOPNOTSUPP for drivers without channel control.</summary>
    internal static unsafe byte[] GChannels(EthtoolSocket socket, string ifName)
    {
        var answer = new byte[sizeof(ethtool_channels)];
        MemoryMarshal.Write(answer, ETHTOOL_GCHANNELS);
        SiocEthtool(socket, ifName, answer, "ETHTOOL_GCHANNELS");
        return answer;
    }
}
