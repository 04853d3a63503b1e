namespace PerfSuite.LoadGen.Traffic;

/// <summary>One sending TCP connection over the window, from <c>tcp_info</c> read at the window edges and once per
/// interval. RTTs are the kernel's smoothed RTT (tcpi_rtt) in microseconds.</summary>
public sealed record TcpStreamStats(
    int Stream,
    long BytesSent,
    long BytesRetransmitted,
    long Retransmits,
    double MeanRttUs,
    double MinRttUs,
    double MaxRttUs,
    uint SendMss,
    uint PathMtu,
    uint CongestionWindow,
    double DeliveryRateBps);
