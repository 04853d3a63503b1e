using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Json;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;

namespace PerfSuite.Model.Tests.Results;

/// <summary>Builds results documents and cells for tests.</summary>
internal static class SampleResults
{
    public static RunEnvironment Environment(string kernel = "6.18.0-test") => new(
        "node-a", kernel, "Test CPU @ 2.0GHz", 2, 8L << 30, "perfsuite 0.1.0",
        new Dictionary<string, string> { ["net.core.rmem_max"] = "212992", ["net.ipv4.tcp_congestion_control"] = "cubic" },
        [Probe()]);

    public static ProbeDocument Probe() => new(
        Schemas.Probe, "node-a", "6.18.0-test", "ps-lab-node1", DateTimeOffset.Parse("2025-01-02T03:04:05Z"),
        [
            new InterfaceSnapshot("eth0", 2, "veth", 1500, "up", null, "02:00:00:00:00:01", 1, 1,
                new DriverInfo("veth", "1.0", "", "", "", 0, 2, 0, 0, 0),
                [new FeatureState("rx-gro", true, true, true, false), new FeatureState("tx-checksum-ip-generic", true, true, true, false)],
                null, null, null, null, null, []),
        ]);

    public static CellResult Stream(string path, int rep, double goodputBps, double coreSecondsPerGbit = 0.5,
        CellStatus status = CellStatus.Ok, int mtu = 1500) => new(
        path, DatapathImplementation.Kernel, mtu, "default", TrafficTestNames.TcpStream, 1, rep, status, 5,
        PodMtu: mtu - Datapath.Parse(path).OverheadIpv4, ObservedPathMtu: mtu - Datapath.Parse(path).OverheadIpv4, MessageSize: 131072,
        Reason: status == CellStatus.Ok ? null : "agent died",
        Metrics: status != CellStatus.Ok ? null : new CellMetrics(
            GoodputBps: goodputBps,
            BusyCores: coreSecondsPerGbit * goodputBps / 1e9,
            CoreSecondsPerGbit: coreSecondsPerGbit,
            CpuByCategory: new CpuByCategory(0.2, 0, 0.5, 0.01, 0.6, 0, 0, 0.69),
            SoftirqNetRx: 120_000,
            SoftirqNetTx: 3_000,
            AgentCpu: [new AgentCpuUsage("client", 1.2, 2.3), new AgentCpuUsage("server", 0.8, 3.1)],
            Retransmits: 0,
            TcpEfficiencyPercent: 100,
            BufferDelayPercent: 12.5,
            RttUs: 85,
            Timeline: [new TimelinePoint(1, goodputBps * 0.98), new TimelinePoint(2, goodputBps * 1.02)]));

    public static CellResult RequestResponse(string path, int rep, double p99Us, double tps) => new(
        path, DatapathImplementation.Userspace, 1500, "default", TrafficTestNames.TcpRr, 1, rep, CellStatus.Ok, 5,
        Metrics: new CellMetrics(
            TransactionsPerSecond: tps,
            CoreSecondsPerMillionTransactions: 20,
            LatencyUs: new LatencySummary(p99Us / 2, p99Us * 0.8, p99Us, p99Us * 1.5, p99Us / 4, p99Us * 3, p99Us / 1.8)));

    public static ResultsDocument Document(IReadOnlyList<CellResult> cells, RunEnvironment? environment = null) => new(
        Schemas.Results, "run-1", DateTimeOffset.Parse("2025-01-02T03:00:00Z"), DateTimeOffset.Parse("2025-01-02T03:05:00Z"),
        ["run", "--reps", "3"], environment ?? Environment(), cells, ResultsSummarizer.Summarize(cells));

    public static string TempPath(string name) =>
        Path.Combine(Path.GetTempPath(), $"ps-results-{Guid.NewGuid():N}", name);
}
