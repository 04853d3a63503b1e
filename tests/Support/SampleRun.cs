using PerfSuite.Model.Ceiling;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Json;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Tests.Support;

/// <summary>A results document shaped like a default lab run on a two-core machine: host, native, vxlan (kernel),
/// ipip and wireguard (userspace substitutes), vxlan+wireguard (skipped); MTU 1500 and 9000; three repetitions
/// of tcp-stream with timelines and of tcp-rr with latencies; a second offload profile (no-gro) for native and
/// vxlan at MTU 1500. Planted for the flags: one failed cell (ipip, MTU 9000, rep 2), one skipped cell, a
/// wg-quick style pod MTU of 1420 on wireguard at 1500 (1440 expected), retransmits on vxlan, and wireguard's
/// goodput varying by about 15 %. Numbers come from a fixed seed.</summary>
public static class SampleRun
{
    public const int Repetitions = 3;
    public const double DurationSeconds = 5;

    /// <summary>(path, impl, MTU 1500 Gbit/s, MTU 9000 Gbit/s, goodput CV, busy cores, shares user/system/softirq,
    /// p50 µs, p99 µs, median retransmits).</summary>
    private static readonly (string Path, DatapathImplementation Impl, double G1500, double G9000, double Cv, double Busy,
        (double User, double System, double Softirq) Cpu, double P50, double P99, long Retransmits)[] Paths =
    [
        ("host", DatapathImplementation.Kernel, 25.0, 48.0, 0.02, 1.80, (0.06, 0.50, 0.42), 24, 39, 0),
        ("native", DatapathImplementation.Kernel, 21.0, 40.0, 0.02, 1.90, (0.05, 0.47, 0.46), 28, 45, 0),
        ("ipip", DatapathImplementation.Userspace, 1.9, 6.0, 0.04, 1.98, (0.32, 0.41, 0.25), 70, 160, 0),
        ("vxlan", DatapathImplementation.Kernel, 13.5, 31.0, 0.03, 1.95, (0.04, 0.34, 0.60), 34, 58, 12),
        ("wireguard", DatapathImplementation.Userspace, 1.4, 4.2, 0.15, 2.00, (0.41, 0.37, 0.20), 95, 260, 0),
    ];

    public const string SkippedReason = "vxlan over wireguard needs the kernel wireguard module; this kernel has none";
    public const string FailedReason = "agent in ps-lab-pod2 did not answer within 10 s";

    /// <summary>The lab run: no line rate, so the report works relative to native.</summary>
    public static ResultsDocument Lab()
    {
        var random = new SplitMix64(20250301);
        var cells = new List<CellResult>();
        foreach (var mtu in new[] { 1500, 9000 })
        {
            for (var rep = 1; rep <= Repetitions; rep++)
            {
                // Interleaved as the runner does: every path once per repetition.
                foreach (var p in Paths)
                {
                    var datapath = Datapath.Parse(p.Path);
                    var podMtu = p.Path == "wireguard" && mtu == 1500 ? 1420 : datapath.PodMtu(mtu);
                    var gbit = (mtu == 1500 ? p.G1500 : p.G9000) * Spread(p.Cv, rep);
                    if (p.Path == "ipip" && mtu == 9000 && rep == 2)
                    {
                        cells.Add(new CellResult(p.Path, p.Impl, mtu, "default", TrafficTestNames.TcpStream, 1, rep, CellStatus.Failed,
                            DurationSeconds, PodMtu: podMtu, MessageSize: 131072, Reason: FailedReason));
                    }
                    else
                    {
                        cells.Add(Stream(p.Path, p.Impl, mtu, podMtu, "default", rep, gbit * 1e9, p.Busy, p.Cpu, p.Retransmits, random, stall: p.Path == "wireguard" && rep == 2));
                    }
                    cells.Add(RequestResponse(p.Path, p.Impl, mtu, podMtu, rep, p.P50, p.P99, random));
                }
                if (mtu == 1500 && rep == 1)
                {
                    cells.Add(new CellResult("vxlan+wireguard", DatapathImplementation.Userspace, mtu, "default", TrafficTestNames.TcpStream, 1,
                        rep, CellStatus.Skipped, DurationSeconds, Reason: SkippedReason));
                }
            }
        }
        // The no-gro profile: receive offload off costs native a fifth and vxlan a third of its goodput.
        for (var rep = 1; rep <= Repetitions; rep++)
        {
            foreach (var (path, factor, cpuFactor) in new[] { ("native", 0.80, 1.30), ("vxlan", 0.65, 1.50) })
            {
                var p = Paths.Single(x => x.Path == path);
                var gbit = p.G1500 * factor * Spread(p.Cv, rep);
                cells.Add(Stream(path, p.Impl, 1500, Datapath.Parse(path).PodMtu(1500), "no-gro", rep, gbit * 1e9,
                    Math.Min(2, p.Busy * factor * cpuFactor), p.Cpu, p.Retransmits, random, stall: false));
            }
        }
        return new ResultsDocument(Schemas.Results, "2025-03-01T10-00-00Z-node-a", DateTimeOffset.Parse("2025-03-01T10:00:00Z"),
            DateTimeOffset.Parse("2025-03-01T10:09:30Z"),
            ["run", "--paths", "host,native,ipip,vxlan,wireguard,vxlan+wireguard", "--mtu", "1500,9000", "--tests", "tcp-stream,tcp-rr",
                "--reps", "3", "--offloads", "default,no-gro"],
            Environment(), cells, ResultsSummarizer.Summarize(cells));
    }

    /// <summary>The same run as if measured over a real link of <paramref name="lineRateBps"/>: goodputs scaled per
    /// MTU so that native reaches 95 % of its ceiling, every ok stream cell carrying its ceiling and efficiency as
    /// the runner records them when it knows the line rate. Host, 19 % faster than native in the lab, then lands
    /// above its ceiling: the impossible number the report must flag.</summary>
    public static ResultsDocument WithLineRate(double lineRateBps)
    {
        var lab = Lab();
        var cells = lab.Cells.Select(c =>
        {
            if (c.Status != CellStatus.Ok || c.Metrics?.GoodputBps is not { } goodput)
                return c;
            var native = Paths.Single(p => p.Path == "native");
            var nativeCeiling = GoodputCeiling.Compute(Datapath.Native, new CeilingInputs(lineRateBps, c.UnderlayMtu)).GoodputBps;
            var scale = 0.95 * nativeCeiling / ((c.UnderlayMtu == 1500 ? native.G1500 : native.G9000) * 1e9);
            var scaled = goodput * scale;
            var ceiling = GoodputCeiling.Compute(Datapath.Parse(c.Path), new CeilingInputs(lineRateBps, c.UnderlayMtu, PodMtuOverride: c.PodMtu)).GoodputBps;
            return c with
            {
                Metrics = c.Metrics with
                {
                    GoodputBps = scaled,
                    CoreSecondsPerGbit = c.Metrics.BusyCores / (scaled / 1e9),
                    Timeline = c.Metrics.Timeline?.Select(t => t with { Bps = t.Bps * scale }).ToList(),
                },
                CeilingBps = ceiling,
                Efficiency = scaled / ceiling,
            };
        }).ToList();
        return lab with { Cells = cells, Summary = ResultsSummarizer.Summarize(cells) };
    }

    public static RunEnvironment Environment() => new(
        "node-a", "6.18.0-perfsuite", "Intel(R) Xeon(R) CPU @ 2.20GHz", 2, 8L << 30, "perfsuite 0.1.0",
        new Dictionary<string, string> { ["net.ipv4.tcp_congestion_control"] = "cubic", ["net.core.rmem_max"] = "212992" },
        [
            new ProbeDocument(Schemas.Probe, "node-a", "6.18.0-perfsuite", "ps-lab-node1", DateTimeOffset.Parse("2025-03-01T10:00:00Z"),
            [
                new InterfaceSnapshot("eth0", 2, "veth", 1500, "up", null, "02:00:00:00:00:01", 2, 2,
                    new DriverInfo("veth", "1.0", "", "", "", 0, 2, 0, 0, 0),
                    [new FeatureState("rx-gro", true, true, true, false), new FeatureState("tx-checksum-ip-generic", true, true, true, false)],
                    new LinkSettings(10000, "full", "other", false, 0, "internal", [], [], [], true), null, null, null, null, []),
            ]),
        ]);

    private static CellResult Stream(string path, DatapathImplementation impl, int mtu, int podMtu, string offloads, int rep, double bps,
        double busy, (double User, double System, double Softirq) shares, long retransmits, SplitMix64 random, bool stall)
    {
        var timeline = new List<TimelinePoint>();
        for (var i = 1; i <= 10; i++)
        {
            // Slow start shows in the first half second; a stall (wireguard-go descheduled) in the middle of one rep.
            var shape = i == 1 ? 0.82 : stall && i is 5 or 6 ? 0.35 : 1.0 + 0.04 * (Uniform(random) - 0.5);
            timeline.Add(new TimelinePoint(i * 0.5, bps * shape));
        }
        var cores = busy * (1 + 0.02 * (Uniform(random) - 0.5));
        // Hard interrupts take what user, system and softirq leave.
        var irq = 1 - shares.User - shares.System - shares.Softirq;
        var cpu = new CpuByCategory(cores * shares.User, 0, cores * shares.System, cores * irq, cores * shares.Softirq, 0, 0, 2 - cores);
        return new CellResult(path, impl, mtu, offloads, TrafficTestNames.TcpStream, 1, rep, CellStatus.Ok, DurationSeconds,
            PodMtu: podMtu, ObservedPathMtu: podMtu, MessageSize: 131072,
            Metrics: new CellMetrics(
                GoodputBps: bps,
                BusyCores: cpu.Busy,
                CoreSecondsPerGbit: cpu.Busy / (bps / 1e9),
                CpuByCategory: cpu,
                SoftirqNetRx: 250_000,
                SoftirqNetTx: 4_000,
                Retransmits: retransmits == 0 ? 0 : retransmits + (long)(6 * (Uniform(random) - 0.5)),
                TcpEfficiencyPercent: retransmits == 0 ? 100 : 99.99,
                RttUs: 60,
                Timeline: timeline));
    }

    private static CellResult RequestResponse(string path, DatapathImplementation impl, int mtu, int podMtu, int rep, double p50, double p99, SplitMix64 random)
    {
        var noise = Noise(random, 0.03);
        var latency = new LatencySummary(p50 * noise, (p50 + p99) / 2 * noise, p99 * noise, p99 * 1.6 * noise, p50 * 0.6, p99 * 4, p50 * 1.1 * noise);
        return new CellResult(path, impl, mtu, "default", TrafficTestNames.TcpRr, 1, rep, CellStatus.Ok, DurationSeconds,
            PodMtu: podMtu, ObservedPathMtu: podMtu, MessageSize: 1,
            Metrics: new CellMetrics(
                TransactionsPerSecond: 1e6 / latency.Mean,
                BusyCores: 1.0,
                CoreSecondsPerMillionTransactions: 1.0 / (1e6 / latency.Mean) * 1e6,
                LatencyUs: latency));
    }

    /// <summary>1 − cv, 1, 1 + cv over three repetitions (in the order 1, 1 + cv, 1 − cv): exactly that sample CV.</summary>
    private static double Spread(double cv, int rep) => (rep % 3) switch { 1 => 1, 2 => 1 + cv, _ => 1 - cv };

    /// <summary>A factor around 1 whose spread gives roughly the coefficient of variation asked for.</summary>
    private static double Noise(SplitMix64 random, double cv) => 1 + cv * Math.Sqrt(3) * 2 * (Uniform(random) - 0.5);

    private static double Uniform(SplitMix64 random) => (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));
}
