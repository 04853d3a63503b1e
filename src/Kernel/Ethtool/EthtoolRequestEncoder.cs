using PerfSuite.Model.Probe;
using static PerfSuite.Kernel.Interop;

namespace PerfSuite.Kernel.Ethtool;

/// <summary>The inverse of <see cref="EthtoolAnswerDecoder"/> for the structures that are written back whole:
/// snapshot records into the kernel's ethtool_ringparam, ethtool_channels and ethtool_coalesce.</summary>
internal static class EthtoolRequestEncoder
{
    public static ethtool_ringparam Rings(RingParams r) => new()
    {
        rx_max_pending = r.RxMax,
        rx_mini_max_pending = r.RxMiniMax,
        rx_jumbo_max_pending = r.RxJumboMax,
        tx_max_pending = r.TxMax,
        rx_pending = r.Rx,
        rx_mini_pending = r.RxMini,
        rx_jumbo_pending = r.RxJumbo,
        tx_pending = r.Tx,
    };

    public static ethtool_channels Channels(ChannelParams c) => new()
    {
        max_rx = c.MaxRx,
        max_tx = c.MaxTx,
        max_other = c.MaxOther,
        max_combined = c.MaxCombined,
        rx_count = c.Rx,
        tx_count = c.Tx,
        other_count = c.Other,
        combined_count = c.Combined,
    };

    public static ethtool_coalesce Coalesce(CoalesceParams c) => new()
    {
        rx_coalesce_usecs = c.RxUsecs,
        rx_max_coalesced_frames = c.RxMaxFrames,
        rx_coalesce_usecs_irq = c.RxUsecsIrq,
        rx_max_coalesced_frames_irq = c.RxMaxFramesIrq,
        tx_coalesce_usecs = c.TxUsecs,
        tx_max_coalesced_frames = c.TxMaxFrames,
        tx_coalesce_usecs_irq = c.TxUsecsIrq,
        tx_max_coalesced_frames_irq = c.TxMaxFramesIrq,
        stats_block_coalesce_usecs = c.StatsBlockUsecs,
        use_adaptive_rx_coalesce = c.AdaptiveRx ? 1u : 0u,
        use_adaptive_tx_coalesce = c.AdaptiveTx ? 1u : 0u,
        pkt_rate_low = c.PacketRateLow,
        rx_coalesce_usecs_low = c.RxUsecsLow,
        rx_max_coalesced_frames_low = c.RxMaxFramesLow,
        tx_coalesce_usecs_low = c.TxUsecsLow,
        tx_max_coalesced_frames_low = c.TxMaxFramesLow,
        pkt_rate_high = c.PacketRateHigh,
        rx_coalesce_usecs_high = c.RxUsecsHigh,
        rx_max_coalesced_frames_high = c.RxMaxFramesHigh,
        tx_coalesce_usecs_high = c.TxUsecsHigh,
        tx_max_coalesced_frames_high = c.TxMaxFramesHigh,
        rate_sample_interval = c.RateSampleInterval,
    };
}
