namespace PerfSuite.Kernel.Sockets;

/// <summary>The fields of one getsockopt(TCP_INFO) reading that the tests use. RTTs in microseconds; byte counters
/// are null on kernels before 4.19, which do not report them.</summary>
public readonly record struct TcpInfoSample(
    byte State,
    uint RttUs,
    uint RttVarUs,
    uint MinRttUs,
    uint TotalRetransmits,
    ulong? BytesSent,
    ulong? BytesRetransmitted,
    uint SendMss,
    uint PathMtu,
    uint CongestionWindow,
    ulong DeliveryRateBytesPerSecond);
