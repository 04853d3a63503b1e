using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Report.Tests.Support;

/// <summary>The sample lab run (<see cref="SampleRun.Lab"/>) with udp-stream and tcp-crr measured as well, on host,
/// native, vxlan and wireguard (userspace) at both MTUs, three repetitions each: vxlan loses about a fifth of
/// native's UDP goodput and connection rate, wireguard most of it, every repetition a little different (fixed seed).</summary>
internal static class EveryTestRun
{
    /// <summary>(path, impl, UDP Gbit/s at 1500, loss %, jitter µs, connections/s, crr p50 µs, crr p99 µs).</summary>
    private static readonly (string Path, DatapathImplementation Impl, double Udp, double Loss, double Jitter, double Cps, double P50, double P99)[] Paths =
    [
        ("host", DatapathImplementation.Kernel, 2.6, 1.2, 6.0, 9_800, 88, 180),
        ("native", DatapathImplementation.Kernel, 2.4, 1.8, 7.5, 9_100, 95, 210),
        ("vxlan", DatapathImplementation.Kernel, 1.9, 2.4, 11.0, 7_400, 118, 260),
        ("wireguard", DatapathImplementation.Userspace, 0.6, 9.5, 40.0, 2_900, 310, 900),
    ];

    public const int DatagramBytes = 1472;

    public static ResultsDocument Lab(int repetitions = SampleRun.Repetitions)
    {
        var lab = SampleRun.Lab();
        var random = new SplitMix64(20250302);
        var cells = lab.Cells.Where(c => c.Rep <= repetitions).ToList();
        foreach (var mtu in new[] { 1500, 9000 })
        {
            for (var rep = 1; rep <= repetitions; rep++)
            {
                foreach (var p in Paths)
                {
                    var podMtu = Datapath.Parse(p.Path).PodMtu(mtu);
                    var scale = mtu == 9000 ? 3.5 : 1;
                    cells.Add(Udp(p.Path, p.Impl, mtu, podMtu, rep, p.Udp * scale * Noise(random), p.Loss * Noise(random), p.Jitter * Noise(random)));
                    cells.Add(ConnectionRate(p.Path, p.Impl, mtu, podMtu, rep, p.Cps * Noise(random), p.P50 * Noise(random), p.P99 * Noise(random)));
                }
            }
        }
        return lab with
        {
            Cells = cells,
            Summary = ResultsSummarizer.Summarize(cells),
            CommandLine = [.. lab.CommandLine.Select(a => a == "tcp-stream,tcp-rr" ? "tcp-stream,tcp-rr,tcp-crr,udp-stream" : a)],
        };
    }

    private static CellResult Udp(string path, DatapathImplementation impl, int mtu, int podMtu, int rep, double gbit, double loss, double jitter)
    {
        var datagramBytes = Math.Min(DatagramBytes, podMtu - 28);
        var received = (long)(gbit * 1e9 / 8 / datagramBytes * SampleRun.DurationSeconds);
        var sent = (long)(received / (1 - loss / 100));
        var busy = 1.6;
        return new CellResult(path, impl, mtu, "default", TrafficTestNames.UdpStream, 1, rep, CellStatus.Ok, SampleRun.DurationSeconds,
            PodMtu: podMtu, ObservedPathMtu: podMtu, MessageSize: datagramBytes,
            Metrics: new CellMetrics(GoodputBps: gbit * 1e9, BusyCores: busy, CoreSecondsPerGbit: busy / gbit,
                Udp: new UdpMetrics(sent, received, loss, jitter)));
    }

    private static CellResult ConnectionRate(string path, DatapathImplementation impl, int mtu, int podMtu, int rep, double cps, double p50, double p99)
    {
        var busy = 1.2;
        return new CellResult(path, impl, mtu, "default", TrafficTestNames.TcpCrr, 1, rep, CellStatus.Ok, SampleRun.DurationSeconds,
            PodMtu: podMtu, ObservedPathMtu: podMtu, MessageSize: 1,
            Metrics: new CellMetrics(ConnectionsPerSecond: cps, BusyCores: busy, CoreSecondsPerMillionTransactions: busy / cps * 1e6,
                LatencyUs: new LatencySummary(p50, (p50 + p99) / 2, p99, p99 * 1.5, p50 * 0.5, p99 * 3, p50 * 1.2)));
    }

    /// <summary>A factor within ±4 % of 1.</summary>
    private static double Noise(SplitMix64 random) => 1 + 0.08 * ((random.NextUInt64() >> 11) * (1.0 / (1UL << 53)) - 0.5);
}
