using PerfSuite.LoadGen.Cpu;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>Both sides of one test, and the headline numbers a results cell takes from them: each from the side
/// that measures it (goodput and UDP loss at the receiver, latency and transactions at the client, retransmits from
/// the sender's tcp_info). CPU is reported per side; in the lab both agents share one host, so either side's host
/// figures cover the whole node. The headline CPU is the measuring side's, whose window the other numbers share: the
/// receiver's for stream tests (it usually dominates, methodology §3), the client's for rr/crr.</summary>
public sealed record TestOutcome(SideResult Sender, SideResult Receiver)
{
    public TestKind Test => Sender.Test;

    /// <summary>The side whose window defines the measurement: receiver for stream tests, client for rr/crr.</summary>
    public SideResult Measuring => Test is TestKind.TcpStream or TestKind.UdpStream ? Receiver : Sender;

    public double? GoodputBps => Test is TestKind.TcpStream or TestKind.UdpStream ? Receiver.Goodput?.GoodputBps : null;

    public double? TransactionsPerSecond => Sender.Transactions?.TransactionsPerSecond;

    public LatencySummary? LatencyUs => Sender.Transactions?.LatencyUs;

    public long? Retransmits => Sender.Tcp?.Retransmits;

    public CpuAccount ReceiverCpu => Receiver.Cpu;

    public CpuAccount SenderCpu => Sender.Cpu;

    /// <summary>Busy cores of the measuring side's host over its window, softirq included.</summary>
    public double BusyCores => Measuring.Cpu.Host.BusyCores;

    /// <summary>Core-seconds per Gbit: busy cores / Gbit/s (methodology §3); null for transaction tests.</summary>
    public double? CoreSecondsPerGbit => GoodputBps is > 0 ? BusyCores / (GoodputBps.Value / 1e9) : null;

    /// <summary>Core-seconds per million transactions; null for stream tests.</summary>
    public double? CoreSecondsPerMillionTransactions => TransactionsPerSecond is > 0
        ? BusyCores / (TransactionsPerSecond.Value / 1e6)
        : null;

    /// <summary>The measuring side's timeline.</summary>
    public IReadOnlyList<IntervalSample> Intervals => Measuring.Intervals;
}
