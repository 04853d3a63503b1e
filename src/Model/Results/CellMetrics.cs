namespace PerfSuite.Model.Results;

/// <summary>What one cell measured. Every field is nullable: each test fills what it produces (a
/// <c>tcp-rr</c> cell has latency and transactions but no goodput timeline, a lab cell has no per-side CPU).</summary>
/// <param name="GoodputBps">Application bytes received per second × 8, over the measurement window.</param>
/// <param name="BusyCores">Node-wide busy CPU (user+nice+system+irq+softirq, tick-sampled; steal is not busy) in cores
/// over the window. Files written before issue 14 included steal here.</param>
/// <param name="CoreSecondsPerGbit">Busy cores / Gbit/s of goodput.</param>
/// <param name="CoreSecondsPerMillionTransactions">Busy core-seconds per million request/response transactions.</param>
/// <param name="CpuByCategory">Node-wide CPU split by /proc/stat category, in cores.</param>
/// <param name="SoftirqNetRx">NET_RX softirqs raised during the window, all CPUs (/proc/softirqs delta).</param>
/// <param name="SoftirqNetTx">NET_TX softirqs raised during the window, all CPUs.</param>
/// <param name="SenderCpu">The sending host's CPU (remote mode, where each side samples its own).</param>
/// <param name="ReceiverCpu">The receiving host's CPU (remote mode).</param>
/// <param name="AgentCpu">Each agent's own CPU from rusage: the application share of the cost.</param>
/// <param name="Retransmits">TCP segments retransmitted (tcp_info), all streams.</param>
/// <param name="TcpEfficiencyPercent">RFC 6349: (bytes sent − bytes retransmitted) / bytes sent × 100.</param>
/// <param name="BufferDelayPercent">RFC 6349: (mean RTT during transfer − baseline RTT) / baseline RTT × 100.</param>
/// <param name="RttUs">Smoothed RTT at the end of the window (tcp_info), microseconds.</param>
/// <param name="TransactionsPerSecond">Request/response transactions per second (tcp-rr).</param>
/// <param name="ConnectionsPerSecond">Connect-request-response-close cycles per second (tcp-crr).</param>
/// <param name="LatencyUs">Request/response latency distribution of this repetition, microseconds.</param>
/// <param name="Udp">Datagram counts, loss and jitter (udp-stream).</param>
/// <param name="Timeline">Goodput per interval within the window.</param>
/// <param name="CpuAccounting">How completely the categories cover CPUs × window, busy as a range (tick-sampled …
/// idle-derived), gross and net of the idle baseline; null in files written before issue 14.</param>
public sealed record CellMetrics(
    double? GoodputBps = null,
    double? BusyCores = null,
    double? CoreSecondsPerGbit = null,
    double? CoreSecondsPerMillionTransactions = null,
    CpuByCategory? CpuByCategory = null,
    long? SoftirqNetRx = null,
    long? SoftirqNetTx = null,
    EndpointCpu? SenderCpu = null,
    EndpointCpu? ReceiverCpu = null,
    IReadOnlyList<AgentCpuUsage>? AgentCpu = null,
    long? Retransmits = null,
    double? TcpEfficiencyPercent = null,
    double? BufferDelayPercent = null,
    double? RttUs = null,
    double? TransactionsPerSecond = null,
    double? ConnectionsPerSecond = null,
    LatencySummary? LatencyUs = null,
    UdpMetrics? Udp = null,
    IReadOnlyList<TimelinePoint>? Timeline = null,
    CpuAccounting? CpuAccounting = null);
