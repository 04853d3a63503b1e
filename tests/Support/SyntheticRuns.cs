using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Json;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Tests.Support;

/// <summary>Results documents whose truth is known: repetitions drawn from a log-normal distribution with a
/// given median and coefficient of variation, from a fixed seed.</summary>
public static class SyntheticRuns
{
    public static double[] Draw(int count, double median, double cv, ulong seed)
    {
        var random = new SplitMix64(seed);
        // For a log-normal, CV = √(exp(σ²) − 1).
        var sigma = Math.Sqrt(Math.Log(1 + cv * cv));
        return Enumerable.Range(0, count).Select(_ => median * Math.Exp(sigma * Gaussian(random))).ToArray();
    }

    /// <summary>Repetitions with no sampling luck at all: the (i + ½)/count quantiles of a log-normal distribution with
    /// this median and CV, so that a shifted copy has exactly the shift as its Hodges–Lehmann estimate.</summary>
    public static double[] Quantiles(int count, double median, double cv)
    {
        var sigma = Math.Sqrt(Math.Log(1 + cv * cv));
        return Enumerable.Range(0, count).Select(i => median * Math.Exp(sigma * NormalDistribution.Quantile((i + 0.5) / count))).ToArray();
    }

    public static IEnumerable<CellResult> StreamCells(string path, double[] goodputs, double[]? cpuPerGbit = null, int mtu = 1500) =>
        goodputs.Select((g, i) => new CellResult(path, DatapathImplementation.Kernel, mtu, "default", TrafficTestNames.TcpStream, 1,
            i + 1, CellStatus.Ok, 5, PodMtu: mtu - Datapath.Parse(path).OverheadIpv4,
            Metrics: new CellMetrics(GoodputBps: g, CoreSecondsPerGbit: cpuPerGbit?[i] ?? 0.4, BusyCores: 0.4 * g / 1e9)));

    public static IEnumerable<CellResult> RequestResponseCells(string path, double[] p99Us, double[] tps) =>
        p99Us.Select((p, i) => new CellResult(path, DatapathImplementation.Kernel, 1500, "default", TrafficTestNames.TcpRr, 1,
            i + 1, CellStatus.Ok, 5,
            Metrics: new CellMetrics(TransactionsPerSecond: tps[i], LatencyUs: new LatencySummary(p / 2, p * 0.8, p, p * 1.4, p / 4, p * 2, p / 1.9))));

    public static ResultsDocument Document(string runId, IEnumerable<CellResult> cells, RunEnvironment? environment = null)
    {
        var list = cells.ToList();
        return new ResultsDocument(Schemas.Results, runId, DateTimeOffset.Parse("2025-03-01T10:00:00Z"),
            DateTimeOffset.Parse("2025-03-01T10:04:00Z"), ["run"], environment ?? Environment(), list, ResultsSummarizer.Summarize(list));
    }

    public static RunEnvironment Environment(string kernel = "6.18.0", string netns = "ps-lab1-node1", int mtu = 1500,
        bool gro = true, string firmware = "1.2.3") => new(
        "ci-runner", kernel, "Test CPU", 2, 8L << 30, "perfsuite 0.1.0",
        new Dictionary<string, string> { ["net.ipv4.tcp_congestion_control"] = "cubic" },
        [
            new ProbeDocument(Schemas.Probe, "ci-runner", kernel, netns, DateTimeOffset.Parse("2025-03-01T10:00:00Z"),
            [
                new InterfaceSnapshot("eth0", 2, "veth", mtu, "up", null, null, 1, 1,
                    new DriverInfo("veth", "1.0", firmware, "", "", 0, 0, 0, 0, 0),
                    [new FeatureState("rx-gro", true, gro, gro, false), new FeatureState("tx-tcp-segmentation", true, true, true, false)],
                    null, null, null, null, null, []),
            ]),
        ]);

    internal static double Gaussian(SplitMix64 random)
    {
        var u1 = 1 - (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));
        var u2 = (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
