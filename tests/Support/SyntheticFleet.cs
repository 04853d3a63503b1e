using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Json;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Tests.Support;

/// <summary>Fleet results whose truth is known: hosts whose NICs may differ in a setting, each ordered pair measured
/// <see cref="Reps"/> times, every repetition's goodput the fleet's median × the sender's factor × the receiver's
/// factor × log-normal noise of the given CV, CPU per Gbit likewise, from a fixed seed.</summary>
public sealed record SyntheticFleet
{
    public int Hosts { get; init; } = 4;
    public int Reps { get; init; } = 3;
    public double GoodputBps { get; init; } = 9e9;
    public double CoreSecondsPerGbit { get; init; } = 0.4;
    public double Cv { get; init; } = 0.05;
    public string Path { get; init; } = "vxlan";
    public IReadOnlyList<string> Offloads { get; init; } = ["default"];
    public ulong Seed { get; init; } = 1;

    /// <summary>By host index: its goodput factor when it sends (0.7: 30 % slower).</summary>
    public IReadOnlyDictionary<int, double> SenderGoodputFactor { get; init; } = new Dictionary<int, double>();

    /// <summary>By host index: its CPU-per-Gbit factor when it sends.</summary>
    public IReadOnlyDictionary<int, double> SenderCpuFactor { get; init; } = new Dictionary<int, double>();

    /// <summary>By host index: its goodput factor when it receives.</summary>
    public IReadOnlyDictionary<int, double> ReceiverGoodputFactor { get; init; } = new Dictionary<int, double>();

    /// <summary>By host index: features switched off on its NIC (for every profile).</summary>
    public IReadOnlyDictionary<int, string[]> FeaturesOff { get; init; } = new Dictionary<int, string[]>();

    /// <summary>By offload profile: the goodput and CPU-per-Gbit factors it applies to every pair.</summary>
    public IReadOnlyDictionary<string, (double Goodput, double Cpu)> ProfileEffect { get; init; } =
        new Dictionary<string, (double, double)>();

    public static string HostName(int index) => $"node-{(char)('a' + index)}";

    public IReadOnlyList<CellResult> Cells()
    {
        var random = new SplitMix64(Seed);
        var sigma = Math.Sqrt(Math.Log(1 + Cv * Cv));
        var cells = new List<CellResult>();
        var overhead = Datapath.Parse(Path).OverheadIpv4;
        for (var rep = 1; rep <= Reps; rep++)
        {
            foreach (var profile in Offloads)
            {
                var effect = ProfileEffect.TryGetValue(profile, out var e) ? e : (Goodput: 1.0, Cpu: 1.0);
                for (var s = 0; s < Hosts; s++)
                {
                    for (var r = 0; r < Hosts; r++)
                    {
                        if (s == r)
                            continue;
                        var goodput = GoodputBps * effect.Goodput * Factor(SenderGoodputFactor, s) * Factor(ReceiverGoodputFactor, r)
                            * Math.Exp(sigma * SyntheticRuns.Gaussian(random));
                        var cpu = CoreSecondsPerGbit * effect.Cpu * Factor(SenderCpuFactor, s) * Math.Exp(sigma * SyntheticRuns.Gaussian(random));
                        cells.Add(new CellResult(Path, DatapathImplementation.Kernel, 1500, profile, TrafficTestNames.TcpStream, 1, rep,
                            CellStatus.Ok, 5, PodMtu: 1500 - overhead,
                            Metrics: new CellMetrics(GoodputBps: goodput, CoreSecondsPerGbit: cpu, BusyCores: cpu * goodput / 1e9),
                            Sender: HostName(s), Receiver: HostName(r),
                            Nics: [new HostNicSnapshot(HostName(s), Nic(s)), new HostNicSnapshot(HostName(r), Nic(r))]));
                    }
                }
            }
        }
        return cells;
    }

    public ResultsDocument Document()
    {
        var cells = Cells();
        var environment = SyntheticRuns.Environment() with
        {
            Hostname = "runner",
            Hosts = Enumerable.Range(0, Hosts).Select(Host).ToList(),
        };
        return SyntheticRuns.Document("fleet-1", cells, environment) with { CommandLine = ["run", "--hosts", "..."] };
    }

    public FleetHost Host(int index)
    {
        var name = HostName(index);
        var environment = SyntheticRuns.Environment() with
        {
            Hostname = name,
            TrafficInterface = "eth0",
            Probe = [new ProbeDocument(Schemas.Probe, name, "6.18.0", null, DateTimeOffset.Parse("2025-03-01T10:00:00Z"), [Nic(index)])],
        };
        return new FleetHost(name, $"198.18.0.{index + 1}:7100", "eth0", environment);
    }

    /// <summary>The NIC under test of host <paramref name="index"/>: the same for every host (bar its MAC and bus
    /// address, which are its own) apart from <see cref="FeaturesOff"/>.</summary>
    public InterfaceSnapshot Nic(int index)
    {
        var off = FeaturesOff.TryGetValue(index, out var f) ? f : [];
        string[] names = ["rx-gro", "tx-tcp-segmentation", "tx-udp_tnl-segmentation", "tx-checksum-ip-generic", "rx-checksum"];
        return new InterfaceSnapshot("eth0", 2, "veth", 1500, "up", null, $"02:00:00:00:00:{index + 1:x2}", 2, 2,
            new DriverInfo("veth", "1.0", "", $"0000:0{index}:00.0", "", 0, 0, 0, 0, 0),
            names.Select(n => new FeatureState(n, true, !off.Contains(n), !off.Contains(n), false)).ToList(),
            null, new RingParams(4096, 0, 0, 4096, 1024, 0, 0, 1024), new ChannelParams(0, 0, 0, 8, 0, 0, 0, 2), null, null, []);
    }

    private static double Factor(IReadOnlyDictionary<int, double> factors, int host) => factors.TryGetValue(host, out var f) ? f : 1.0;
}
