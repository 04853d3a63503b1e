using System.Runtime.InteropServices;

namespace PerfSuite.Kernel;

internal static partial class Interop
{
    internal const uint ETHTOOL_GCOALESCE = 0x0e;

    /// <summary>struct ethtool_coalesce: 92 bytes, 23 u32 in kernel order.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct ethtool_coalesce
    {
        public uint cmd;
        public uint rx_coalesce_usecs;
        public uint rx_max_coalesced_frames;
        public uint rx_coalesce_usecs_irq;
        public uint rx_max_coalesced_frames_irq;
        public uint tx_coalesce_usecs;
        public uint tx_max_coalesced_frames;
        public uint tx_coalesce_usecs_irq;
        public uint tx_max_coalesced_frames_irq;
        public uint stats_block_coalesce_usecs;
        public uint use_adaptive_rx_coalesce;
        public uint use_adaptive_tx_coalesce;
        public uint pkt_rate_low;
        public uint rx_coalesce_usecs_low;
        public uint rx_max_coalesced_frames_low;
        public uint tx_coalesce_usecs_low;
        public uint tx_max_coalesced_frames_low;
        public uint pkt_rate_high;
        public uint rx_coalesce_usecs_high;
        public uint rx_max_coalesced_frames_high;
        public uint tx_coalesce_usecs_high;
        public uint tx_max_coalesced_frames_high;
        public uint rate_sample_interval;
    }

    /// <summary>ETHTOOL_GCOALESCE; EOPNOTSUPP for drivers without interrupt coalescing.</summary>
    internal static unsafe byte[] GCoalesce(EthtoolSocket socket, string ifName)
    {
        var answer = new byte[sizeof(ethtool_coalesce)];
        MemoryMarshal.Write(answer, ETHTOOL_GCOALESCE);
        SiocEthtool(socket, ifName, answer, "ETHTOOL_GCOALESCE");
        return answer;
    }
}
