using PerfSuite.LoadGen.Cpu;
using PerfSuite.Model.Results;
using ModelLatency = PerfSuite.Model.Results.LatencySummary;

namespace PerfSuite.LoadGen.Traffic;

/// <summary>Fills a results cell's <see cref="CellMetrics"/> from a <see cref="TestOutcome"/>: each number from the
/// side that measures it (see <see cref="TestOutcome"/>). In the lab both agents share one host, so the node-wide CPU
/// is one side's reading (the measuring side's) and there is no per-side CPU; across two hosts each side's own reading
/// goes to SenderCpu and ReceiverCpu as well.</summary>
public static class CellMetricsMapping
{
    public static CellMetrics ToCellMetrics(this TestOutcome outcome, bool separateHosts)
    {
        var headline = outcome.Measuring.Cpu;
        var tcp = outcome.Sender.Tcp;
        var transactions = outcome.Sender.Transactions;
        var udp = outcome.Receiver.Udp;
        var perMillion = outcome.CoreSecondsPerMillionTransactions;
        return new CellMetrics(
            GoodputBps: outcome.GoodputBps,
            BusyCores: outcome.BusyCores,
            CoreSecondsPerGbit: outcome.CoreSecondsPerGbit,
            CoreSecondsPerMillionTransactions: perMillion,
            CpuByCategory: headline.Host.ToCpuByCategory(),
            SoftirqNetRx: (long)headline.Softirqs.NetRx,
            SoftirqNetTx: (long)headline.Softirqs.NetTx,
            SenderCpu: separateHosts ? Endpoint(outcome.Sender.Cpu, outcome.GoodputBps) : null,
            ReceiverCpu: separateHosts ? Endpoint(outcome.Receiver.Cpu, outcome.GoodputBps) : null,
            AgentCpu:
            [
                new AgentCpuUsage("client", outcome.Sender.Cpu.Process.UserSeconds, outcome.Sender.Cpu.Process.SystemSeconds),
                new AgentCpuUsage("server", outcome.Receiver.Cpu.Process.UserSeconds, outcome.Receiver.Cpu.Process.SystemSeconds),
            ],
            Retransmits: tcp?.Retransmits,
            TcpEfficiencyPercent: tcp?.TcpEfficiencyPercent,
            BufferDelayPercent: tcp?.BufferDelayPercent,
            RttUs: tcp is { MeanRttUs: > 0 } ? tcp.MeanRttUs : null,
            TransactionsPerSecond: outcome.Test == TestKind.TcpRr ? transactions?.TransactionsPerSecond : null,
            ConnectionsPerSecond: outcome.Test == TestKind.TcpCrr ? transactions?.TransactionsPerSecond : null,
            LatencyUs: transactions is null ? null : Latency(transactions.LatencyUs),
            Udp: udp is null ? null : new UdpMetrics(outcome.Sender.UdpSender?.SentInWindow ?? udp.Expected, udp.Received,
                udp.LossPercent, udp.JitterUs),
            Timeline: outcome.Intervals.Select(i => new TimelinePoint(i.StartSeconds + i.Seconds, i.BitsPerSecond)).ToList(),
            CpuAccounting: headline.Host.ToCpuAccounting());
    }

    private static EndpointCpu Endpoint(CpuAccount cpu, double? goodputBps) => new(
        cpu.Host.BusyCores, cpu.Host.ToCpuByCategory(), (long)cpu.Softirqs.NetRx, (long)cpu.Softirqs.NetTx,
        goodputBps is > 0 ? cpu.Host.BusyCores / (goodputBps.Value / 1e9) : null, cpu.Host.ToCpuAccounting());

    private static ModelLatency Latency(LatencySummary l) => new(l.P50Us, l.P90Us, l.P99Us, l.P999Us, l.MinUs, l.MaxUs, l.MeanUs);
}
