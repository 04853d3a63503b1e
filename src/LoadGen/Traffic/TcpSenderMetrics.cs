namespace PerfSuite.LoadGen.Traffic;

/// <summary>The sender's TCP view of the window over all streams, with RFC 6349's metrics:
/// TCP efficiency % = (bytes sent − bytes retransmitted) / bytes sent × 100, and
/// buffer delay % = (mean RTT during transfer − baseline RTT) / baseline RTT × 100, where the baseline is the
/// kernel's minimum RTT of the connection (tcpi_min_rtt, which includes the idle handshake).
/// Null fields mean the kernel's tcp_info is too old to report them.</summary>
public sealed record TcpSenderMetrics(
    long Retransmits,
    long? BytesSent,
    long? BytesRetransmitted,
    double? TcpEfficiencyPercent,
    double MeanRttUs,
    double BaselineRttUs,
    double? BufferDelayPercent,
    uint PathMtu,
    uint SendMss,
    IReadOnlyList<TcpStreamStats> Streams);
