namespace PerfSuite.LoadGen.Traffic;

/// <summary>udp-stream at the receiver over the window, all streams: loss from sequence gaps, late arrivals and
/// RFC 3550 jitter (the mean of the streams' jitter).</summary>
public sealed record UdpReceiverMetrics(
    long Received,
    long Expected,
    long Lost,
    double LossPercent,
    long OutOfOrder,
    double JitterUs,
    long ForeignDatagrams,
    double DatagramsPerSecond);
