using System.Net.Sockets;
using PerfSuite.Lab;
using PerfSuite.Lab.Offloads;
using PerfSuite.LoadGen.Traffic;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Errors;

namespace PerfSuite.Runner;

/// <summary>What <c>perfsuite run</c> measures: the matrix of paths × underlay MTUs × offload profiles × tests,
/// each cell repeated, repetitions interleaved across paths. <see cref="Cpus"/> places the agents (null: not placed);
/// <see cref="Precision"/> adds rounds for the cells whose interval is still wide (null: exactly
/// <see cref="Repetitions"/> rounds).</summary>
public sealed record RunSpec(
    IReadOnlyList<Datapath> Paths,
    IReadOnlyList<int> UnderlayMtus,
    IReadOnlyList<TestKind> Tests,
    int Repetitions,
    TimeSpan Duration,
    TimeSpan Warmup,
    int Streams,
    IReadOnlyList<OffloadProfile> Offloads,
    string OutputPath,
    string LabName = RunSpec.DefaultLabName,
    string? Label = null,
    AgentCpus? Cpus = null,
    PrecisionTarget? Precision = null,
    double UdpRateBps = 0)
{
    /// <summary>The highest --udp-rate: 1 Tbit/s of UDP payload, above any NIC a run measures today.</summary>
    public const double MaxUdpRateBps = 1e12;

    /// <summary>The lowest non-zero --udp-rate: 1 kbit/s (at 1472-byte datagrams, one every 12 s: below that a window
    /// of seconds sees no datagram at all).</summary>
    public const double MinUdpRateBps = 1e3;

    public const string DefaultLabName = "run";
    public static readonly IReadOnlyList<int> DefaultMtus = [1500, 9000];
    public static readonly IReadOnlyList<TestKind> DefaultTests = [TestKind.TcpStream, TestKind.TcpRr];
    public const int DefaultRepetitions = 3;
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(1.5);
    public static readonly TimeSpan DefaultWarmup = TimeSpan.FromSeconds(0.5);
    public static readonly TimeSpan MinimumDuration = TimeSpan.FromSeconds(1);

    /// <summary>Every datapath the lab knows; paths this host cannot build are recorded as skipped.</summary>
    public static IReadOnlyList<Datapath> AllPaths => Datapath.All;

    /// <summary>Checks everything that can be checked before a namespace is made.</summary>
    public void Validate()
    {
        if (Paths.Count == 0)
            throw Invalid("no datapath to measure");
        if (Tests.Count == 0)
            throw Invalid("no test to run");
        if (Repetitions is < 1 or > 1000)
            throw Invalid($"--reps must be between 1 and 1000, not {Repetitions}");
        if (Duration < MinimumDuration)
            throw Invalid($"--duration must be at least {MinimumDuration.TotalSeconds:0} s, not {Duration.TotalSeconds:0.###} s");
        if (Duration > TimeSpan.FromSeconds(TestLimits.Default.MaxDurationSeconds))
            throw Invalid($"--duration must be at most {TestLimits.Default.MaxDurationSeconds:0} s");
        if (Streams < 1 || Streams > TestLimits.Default.MaxStreams)
            throw Invalid($"--streams must be between 1 and {TestLimits.Default.MaxStreams}, not {Streams}");
        foreach (var mtu in UnderlayMtus)
        {
            // Same rules the lab applies, checked here so nothing is built for a run that cannot finish.
            new LabSpec(LabName, Paths, mtu).Validate();
        }
        if (UnderlayMtus.Distinct().Count() != UnderlayMtus.Count)
            throw Invalid("an MTU is listed twice");
        if (Offloads.Select(o => o.Name).Distinct().Count() != Offloads.Count)
            throw Invalid("an offload profile is listed twice");
        LabNaming.Validate(LabName);
        Precision?.Validate(Repetitions);
        if (!double.IsFinite(UdpRateBps) || UdpRateBps < 0 || (UdpRateBps > 0 && UdpRateBps < MinUdpRateBps) || UdpRateBps > MaxUdpRateBps)
            throw Invalid("--udp-rate must be 0 (as fast as the sender can) or between 1k and 1t bit/s");
        if (UdpRateBps > 0 && !Tests.Contains(TestKind.UdpStream))
            throw Invalid("--udp-rate paces udp-stream, which --tests does not include");
    }

    /// <summary>The spec of one cell. Only udp-stream carries a datagram size, derived from the pod MTU and the address
    /// family the data flows in (pod MTU − 28 over IPv4, − 48 over IPv6), and the offered rate (<see cref="UdpRateBps"/>);
    /// the other tests keep the defaults, which they neither send nor check.</summary>
    public TestSpec TestSpecFor(TestKind test, int podMtu, AddressFamily family = AddressFamily.InterNetwork)
    {
        var testSpec = new TestSpec(
            Test: test,
            Streams: Streams,
            DurationSeconds: Duration.TotalSeconds,
            WarmupSeconds: Warmup.TotalSeconds);
        return test == TestKind.UdpStream
            ? testSpec with { DatagramBytes = TestSpec.DatagramBytesForPodMtu(podMtu, family), TargetBitsPerSecond = UdpRateBps }
            : testSpec;
    }

    /// <summary>Wall time of the measurements alone (bring-up and agents not included).</summary>
    public TimeSpan MeasurementTime(int readyPaths) =>
        (Duration + Warmup) * (readyPaths * Tests.Count * Repetitions);

    private static PerfSuiteException Invalid(string message) => new(ErrorReason.InvalidArgument, message);
}
