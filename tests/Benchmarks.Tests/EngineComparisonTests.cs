using PerfSuite.EngineComparison;
using PerfSuite.Kernel.Proc;
using PerfSuite.Lab.State;

namespace PerfSuite.Benchmarks.Tests;

/// <summary>The parts of bench/compare-engines that read other tools' output and turn samples into ratios, on
/// recorded output; the comparison itself needs a lab and is run by the script, not by tests.</summary>
public sealed class EngineComparisonTests
{
    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    [Fact]
    public void Iperf3_goodput_is_what_the_receiver_got_after_the_omitted_seconds()
    {
        // Given iperf3 3.12's JSON of -t 2 -O 1
        var json = Fixture("iperf3-client-t2-O1.json");

        // When
        var bps = Iperf3.ReceiverBitsPerSecond(json);

        // Then it is end.sum_received, 2 676 230 352 bytes over 2.001398 s
        Assert.Equal(2_676_230_352L * 8.0 / 2.001398, bps, 1e-3 * bps);
    }

    [Fact]
    public void An_iperf3_error_is_reported_with_its_reason()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Iperf3.ReceiverBitsPerSecond(Fixture("iperf3-client-refused.json")));
        Assert.Contains("Connection refused", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sockperf_median_is_its_50th_percentile_round_trip()
    {
        // Given sockperf 3.7 ping-pong output with --full-rtt (colour codes included, as it prints them)
        var output = Fixture("sockperf-pp-tcp-full-rtt.txt");

        // Then
        Assert.Equal(20.750, Sockperf.MedianRoundTripMicroseconds(output), 3);
        Assert.Throws<InvalidOperationException>(() => Sockperf.MedianRoundTripMicroseconds("sockperf: ERROR: connect failed"));
    }

    [Fact]
    public void Path_ends_are_read_from_the_lab_state()
    {
        // Given a ready path and a skipped one as perfsuite lab up records them
        var ready = new LabPathSummary("vxlan", "ready", "kernel", 1450, 1450, "10.42.1.2 in ps-x-vx-n1p1", "10.42.2.2 in ps-x-vx-n2p1", null);
        var skipped = new LabPathSummary("ipip", "skipped", null, null, null, null, null, "no ipip module");

        // When
        var ends = LabPathEnds.From(ready);

        // Then
        Assert.Equal(("ps-x-vx-n1p1", "10.42.1.2", "ps-x-vx-n2p1", "10.42.2.2"),
            (ends.ClientNamespace, ends.ClientAddress.ToString(), ends.ServerNamespace, ends.ServerAddress.ToString()));
        Assert.Contains("no ipip module", Assert.Throws<InvalidOperationException>(() => LabPathEnds.From(skipped)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_have_defaults_and_refuse_what_cannot_be_measured()
    {
        var options = ComparisonOptions.Parse(["--lab", "cmp1"]);
        Assert.Equal(new ComparisonOptions("cmp1", 11, 3, 1, 64, "results/bench/engines.md"), options);
        Assert.Equal(5, ComparisonOptions.Parse(["--lab", "c", "--reps", "5", "--duration", "4s"]).Repetitions);
        Assert.Throws<ArgumentException>(() => ComparisonOptions.Parse([]));
        Assert.Throws<ArgumentException>(() => ComparisonOptions.Parse(["--lab", "c", "--message-bytes", "8"]));
        Assert.Throws<ArgumentException>(() => ComparisonOptions.Parse(["--lab", "c", "--bogus"]));
    }

    [Fact]
    public void Ratios_are_medians_of_ours_over_medians_of_the_reference()
    {
        // Given three repetitions per tool on both paths: ours at 9, 10, 11 Gbit/s, iperf3 at 10 Gbit/s, both with
        // 1 core busy of 2; round trips 22 µs against sockperf's 20 µs
        var options = new ComparisonOptions("c", 3, 1, 1, 64, "x.md");
        var samples = new List<EngineSample>();
        foreach (var path in ComparisonRun.Paths)
        {
            for (var rep = 1; rep <= 3; rep++)
            {
                samples.Add(new EngineSample(path, rep, EngineSample.Ours, Stream: Stream((8 + rep) * 1e9, busyCores: 1, processCores: 0.5)));
                samples.Add(new EngineSample(path, rep, EngineSample.Iperf3, Stream: Stream(10e9, busyCores: 1, processCores: 0.4)));
                samples.Add(new EngineSample(path, rep, EngineSample.Ours, RoundTripMedianUs: 22));
                samples.Add(new EngineSample(path, rep, EngineSample.Sockperf, RoundTripMedianUs: 20));
            }
        }
        var environment = new ComparisonEnvironment(DateTimeOffset.UnixEpoch, "cpu", 2, "6.18", ".NET", "iperf 3.12", "sockperf 3.7", "1 1 1", "1 1 1");

        // When
        var report = new ComparisonReport(options, environment, samples);
        var native = report.Ratios().Single(r => r.Path == "native");
        var markdown = report.Markdown("bench/compare-engines");

        // Then goodput 10/10, CPU per Gbit (1/10)/(1/10), round trip 22/20 — just outside 10 %
        Assert.Equal(1.0, native.Goodput, 9);
        Assert.Equal(1.0, native.CpuPerGbit, 9);
        Assert.Equal(1.25, native.ProcessCpuPerGbit, 9);
        Assert.Equal(1.1, native.RoundTrip, 9);
        Assert.True(native.GoodputMet && native.CpuPerGbitMet);
        Assert.False(native.RoundTripMet);
        Assert.Contains("| native | **1.000** meets", markdown, StringComparison.Ordinal);
        Assert.Contains("**1.100** MISSES", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("saturated", markdown, StringComparison.Ordinal);
    }

    /// <summary>A measurement over one second whose node had <paramref name="busyCores"/> of 2 busy (USER_HZ 100).</summary>
    private static StreamMeasurement Stream(double goodputBps, double busyCores, double processCores)
    {
        var busy = (int)(busyCores * 100);
        var start = new HostCpuSample(0, ProcStatParser.Parse("cpu  0 0 0 0 0 0 0 0 0 0\ncpu0 0 0 0 0 0 0 0 0 0 0\ncpu1 0 0 0 0 0 0 0 0 0 0\n"),
            SoftirqsParser.Parse("CPU0 CPU1\nNET_RX: 0 0\n"));
        var end = new HostCpuSample(System.Diagnostics.Stopwatch.Frequency,
            ProcStatParser.Parse($"cpu  {busy} 0 0 {200 - busy} 0 0 0 0 0 0\ncpu0 {busy} 0 0 {100 - busy} 0 0 0 0 0 0\ncpu1 0 0 0 100 0 0 0 0 0 0\n"),
            SoftirqsParser.Parse("CPU0 CPU1\nNET_RX: 10 0\n"));
        return new StreamMeasurement(goodputBps, new WindowCpu(HostCpuWindow.Between(start, end, 100), processCores));
    }
}
