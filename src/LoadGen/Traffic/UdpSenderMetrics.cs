namespace PerfSuite.LoadGen.Traffic;

/// <summary>udp-stream at the sender: datagrams handed to the kernel in its window and in total, and sends the
/// kernel refused (ENOBUFS, a full queue), which are losses the receiver cannot see as such.</summary>
public sealed record UdpSenderMetrics(long SentInWindow, long SentTotal, long SendErrors, double OfferedBitsPerSecond);
