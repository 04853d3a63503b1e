namespace PerfSuite.Model.Results;

/// <summary>What the receiver of a udp-stream test saw. Jitter as RFC 3550 §6.4.1 defines it.</summary>
public sealed record UdpMetrics(long DatagramsSent, long DatagramsReceived, double LossPercent, double JitterUs);
