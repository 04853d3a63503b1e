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
    PrecisionTarget? Precision = null)
{
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
    }

    /// <summary>The spec of one cell. Only udp-stream carries a datagram size derived from the pod MTU; the other
    /// tests keep the default, which they neither send nor check.</summary>
    public TestSpec TestSpecFor(TestKind test, int podMtu)
    {
        var testSpec = new TestSpec(
            Test: test,
            Streams: Streams,
            DurationSeconds: Duration.TotalSeconds,
            WarmupSeconds: Warmup.TotalSeconds);
        return test == TestKind.UdpStream ? testSpec with { DatagramBytes = TestSpec.DatagramBytesForPodMtu(podMtu) } : testSpec;
    }

    /// <summary>Wall time of the measurements alone (bring-up and agents not included).</summary>
    public TimeSpan MeasurementTime(int readyPaths) =>
        (Duration + Warmup) * (readyPaths * Tests.Count * Repetitions);

    private static PerfSuiteException Invalid(string message) => new(ErrorReason.InvalidArgument, message);
}
