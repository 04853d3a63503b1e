using PerfSuite.LoadGen.Cpu;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>What one side of one test measured over its own window. The parts that do not apply to a test or a
/// side are null: goodput and a timeline come from the stream receiver (and the sender's own count), tcp_info from
/// the TCP sender, transactions from both request/response ends, UDP loss and jitter from the UDP receiver.
/// <see cref="Cpu"/> is always there: host /proc/stat and /proc/softirqs deltas and this agent's rusage, read at the
/// edges of this side's window.</summary>
public sealed record SideResult
{
    public required TestKind Test { get; init; }
    public required SideRole Role { get; init; }
    public required TestSpec Spec { get; init; }
    public required string Hostname { get; init; }
    public string? Netns { get; init; }

    /// <summary>The window as measured between its edges, in seconds.</summary>
    public required double WindowSeconds { get; init; }

    public GoodputMetrics? Goodput { get; init; }
    public TcpSenderMetrics? Tcp { get; init; }
    public TransactionMetrics? Transactions { get; init; }
    public UdpReceiverMetrics? Udp { get; init; }
    public UdpSenderMetrics? UdpSender { get; init; }

    /// <summary>Per interval of the window: bytes and operations (transactions, datagrams) completed.</summary>
    public required IReadOnlyList<IntervalSample> Intervals { get; init; }

    public required CpuAccount Cpu { get; init; }

    /// <summary>The socket buffer sizes the kernel actually used (it doubles what is asked; 0 when not read).</summary>
    public int EffectiveSendBufferBytes { get; init; }
    public int EffectiveReceiveBufferBytes { get; init; }
}
