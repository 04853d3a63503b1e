using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Json;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;
using PerfSuite.Report.Analysis;

namespace PerfSuite.Report.Tests.Analysis;

public sealed class ReportAnalyzerTests
{
    private static readonly Lazy<ReportAnalysis> Lab = new(() => ReportAnalyzer.Analyze(SampleRun.Lab()));

    private static DatapathRow Row(ReportAnalysis analysis, string path, int mtu, string offloads = "default") =>
        analysis.Rows.Single(r => r.Path == path && r.UnderlayMtu == mtu && r.Offloads == offloads);

    [Fact]
    public void A_lab_run_has_no_line_rate_and_default_as_its_base_profile()
    {
        var analysis = Lab.Value;

        Assert.Null(analysis.LineRate);
        Assert.Equal("default", analysis.BaseProfile);
        Assert.Equal(["default", "no-gro"], analysis.Profiles);
        Assert.Equal([1500, 9000], analysis.Mtus);
        Assert.Equal(1, analysis.PrimaryStreams);
    }

    [Fact]
    public void Rows_compare_each_datapath_with_native_and_count_the_wire_overhead()
    {
        // Given vxlan at 13.5 and native at 21 Gbit/s, MTU 1500
        var vxlan = Row(Lab.Value, "vxlan", 1500);

        // Then the ratios follow, and the wire overhead is methodology §2's 3.5 % (9.090 / 9.415 Gbit/s)
        Assert.Equal(13.5 / 21, vxlan.NativeFraction!.Value, 3);
        Assert.Equal(1 - 9.090 / 9.415, vxlan.WireTax!.Value, 3);
        Assert.Equal(1.95 / 13.5 / (1.90 / 21), vxlan.CpuPerGbitRatio!.Value, 1);
        Assert.Equal(0.60, vxlan.Cpu!.ShareOf("softirq"), 2);
        Assert.Equal(1, vxlan.Cpu.Shares.Sum(s => s.Share), 9);
        Assert.Equal(1450, vxlan.PodMtu);
        Assert.NotNull(vxlan.LatencyP99);
    }

    [Fact]
    public void Findings_state_goodput_cpu_and_the_wire_share_of_the_gap()
    {
        Assert.Contains(Lab.Value.Findings, f => f.StartsWith("At MTU 1500, goodput is below native's beyond the noise on ", StringComparison.Ordinal)
            && f.Contains("vxlan 64 % (90 % interval 61–68 %), 3.5 of its 36 points wire overhead and the rest datapath cost", StringComparison.Ordinal));
        Assert.Contains(Lab.Value.Findings, f => f.StartsWith("At MTU 1500, a Gbit costs more CPU than on native beyond the noise on ", StringComparison.Ordinal)
            && f.Contains("vxlan 1.6× (1.5–1.7×)", StringComparison.Ordinal));
        Assert.Contains(Lab.Value.Findings, f => f.StartsWith("Raising the underlay MTU from 1500 to 9000 changes", StringComparison.Ordinal));
        Assert.Contains(Lab.Value.Findings, f => f.StartsWith("At MTU 1500, softirq takes 60 % of the busy CPU on vxlan", StringComparison.Ordinal));
        Assert.Contains(Lab.Value.Findings, f => f.StartsWith("At MTU 1500, p99 request/response latency is", StringComparison.Ordinal));
        Assert.Contains(Lab.Value.Findings, f => f.StartsWith("Offload profile no-gro against default at MTU 1500: vxlan −35 % goodput", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_planted_problem_is_flagged()
    {
        var flags = Lab.Value.Flags;

        Assert.Contains(flags, f => f.Kind == ReportFlagKind.Failed && f.Subject.StartsWith("ipip/userspace mtu 9000", StringComparison.Ordinal)
            && f.Message.Contains(SampleRun.FailedReason, StringComparison.Ordinal));
        Assert.Contains(flags, f => f.Kind == ReportFlagKind.Skipped && f.Subject.StartsWith("vxlan+wireguard/userspace mtu 1500", StringComparison.Ordinal)
            && f.Message.Contains(SampleRun.SkippedReason, StringComparison.Ordinal));
        Assert.Contains(flags, f => f.Kind == ReportFlagKind.Userspace && f.Subject == "wireguard (userspace)");
        Assert.Contains(flags, f => f.Kind == ReportFlagKind.Userspace && f.Subject == "ipip (userspace)");
        Assert.Contains(flags, f => f.Kind == ReportFlagKind.HighVariation && f.Subject.StartsWith("wireguard/userspace mtu 1500", StringComparison.Ordinal) && f.Short == "goodput CV 15 %");
        Assert.Contains(flags, f => f.Kind == ReportFlagKind.Retransmits && f.Subject.StartsWith("vxlan/kernel mtu 1500 default", StringComparison.Ordinal));
        Assert.Contains(flags, f => f.Kind == ReportFlagKind.PodMtu && f.Subject == "wireguard (userspace) mtu 1500 default" && f.Short == "pod MTU 1420 ≠ 1440");
        Assert.DoesNotContain(flags, f => f.Kind is ReportFlagKind.AboveCeiling or ReportFlagKind.Interrupted or ReportFlagKind.PathMtu);
        // A datapath that never ran is skipped, not "userspace".
        Assert.DoesNotContain(flags, f => f.Kind == ReportFlagKind.Userspace && f.Subject.StartsWith("vxlan+wireguard", StringComparison.Ordinal));
        // Most serious first.
        Assert.Equal(ReportFlagKind.Failed, flags[0].Kind);
    }

    [Fact]
    public void Failed_and_skipped_cells_keep_their_rows()
    {
        var skipped = Row(Lab.Value, "vxlan+wireguard", 1500);
        var failed = Row(Lab.Value, "ipip", 9000);

        Assert.Null(skipped.Goodput);
        Assert.Equal(1, skipped.Skipped);
        Assert.Contains(skipped.Flags, f => f.Kind == ReportFlagKind.Skipped);
        Assert.Equal(2, failed.Goodput!.N);
        Assert.Equal(1, failed.Failed);
        Assert.Equal(2, Lab.Value.NotOkCells.Count);
    }

    [Fact]
    public void Offload_profiles_are_compared_with_default_by_ratio()
    {
        var vxlan = Lab.Value.OffloadComparisons.Single(c => c.Path == "vxlan");

        Assert.Equal("no-gro", vxlan.Profile);
        Assert.Equal(0.65, vxlan.Goodput!.Estimate, 2);
        Assert.True(vxlan.Goodput.Lower < 0.65 && vxlan.Goodput.Upper > 0.65);
        Assert.True(vxlan.CpuPerGbit!.Estimate > 1.3);
    }

    [Fact]
    public void With_the_ceilings_recorded_the_line_rate_is_recovered_and_goodput_above_it_is_flagged()
    {
        // Given the run over a 10 Gbit/s link where host (19 % faster than native) beats its ceiling
        var analysis = ReportAnalyzer.Analyze(SampleRun.WithLineRate(10e9));

        // Then
        Assert.Equal(10e9, analysis.LineRate!.Bps);
        var native = Row(analysis, "native", 1500);
        Assert.Equal(0.95, native.Efficiency!.Value, 2);
        Assert.Equal(9.415, native.CeilingBps!.Value / 1e9, 3);
        var above = Assert.Single(analysis.Flags, f => f.Kind == ReportFlagKind.AboveCeiling && f.Subject == "host mtu 1500 default");
        Assert.True(above.IsProblem);
        Assert.Contains("the line rate, MTU or clock is wrong", above.Message, StringComparison.Ordinal);
        Assert.Contains(analysis.Findings, f => f.StartsWith("At MTU 1500 and 10 Gbit/s line rate, efficiency against the goodput ceiling ranges from", StringComparison.Ordinal));
    }

    [Fact]
    public void The_line_rate_comes_from_a_physical_link_and_never_from_a_veth()
    {
        // Given results without ceilings whose probe saw a veth (10000 Mb/s, meaningless) and a 25G NIC
        var lab = SampleRun.Lab();
        var withNic = lab with
        {
            Environment = lab.Environment with
            {
                Probe = [.. lab.Environment.Probe, new ProbeDocument(Schemas.Probe, "node-a", "6.18", null, DateTimeOffset.UnixEpoch,
                [
                    new InterfaceSnapshot("ens1f0", 3, null, 9000, "up", null, null, 8, 8,
                        new DriverInfo("ice", "1.0", "4.40", "0000:3b:00.0", "", 0, 0, 0, 0, 0), [],
                        new LinkSettings(25000, "full", "fibre", false, 0, "internal", [], [], [], true), null, null, null, null, []),
                ])],
            },
        };

        // Then only the NIC counts
        Assert.Null(ReportAnalyzer.Analyze(lab).LineRate);
        var rate = ReportAnalyzer.Analyze(withNic).LineRate!;
        Assert.Equal(25e9, rate.Bps);
        Assert.Equal("link speed of ens1f0 (ice)", rate.Source);
    }

    [Fact]
    public void A_clean_run_has_nothing_to_flag()
    {
        // Given kernel datapaths with steady numbers, right MTUs and no retransmits
        var cells = new List<CellResult>();
        foreach (var (path, gbit) in new[] { ("native", 20.0), ("vxlan", 14.0) })
        {
            for (var rep = 1; rep <= 3; rep++)
            {
                var bps = gbit * 1e9 * (1 + 0.01 * (rep - 2));
                cells.Add(new CellResult(path, DatapathImplementation.Kernel, 1500, "default", TrafficTestNames.TcpStream, 1, rep, CellStatus.Ok, 5,
                    PodMtu: Datapath.Parse(path).PodMtu(1500), ObservedPathMtu: Datapath.Parse(path).PodMtu(1500),
                    Metrics: new CellMetrics(GoodputBps: bps, BusyCores: 1.9, CoreSecondsPerGbit: 1.9 / (bps / 1e9), Retransmits: 0)));
            }
        }
        var document = SampleRun.Lab() with { Cells = cells, Summary = ResultsSummarizer.Summarize(cells) };

        // When it is analysed
        var analysis = ReportAnalyzer.Analyze(document);

        // Then
        Assert.Empty(analysis.Flags);
        var goodput = Assert.Single(analysis.Findings, f => f.StartsWith("At MTU 1500, goodput is below native's beyond the noise on vxlan 70 %", StringComparison.Ordinal));
        Assert.EndsWith("3.5 of its 30 points wire overhead and the rest datapath cost.", goodput, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interrupted_run_and_a_path_mtu_below_the_pod_mtu_are_flagged()
    {
        var lab = SampleRun.Lab();
        var cells = lab.Cells.Select(c => c.Path == "vxlan" && c.UnderlayMtu == 9000 ? c with { ObservedPathMtu = 1450 } : c).ToList();
        var document = lab with { FinishedUtc = null, Cells = cells, Summary = ResultsSummarizer.Summarize(cells) };

        var flags = ReportAnalyzer.Analyze(document).Flags;

        Assert.Equal(ReportFlagKind.Interrupted, flags[0].Kind);
        Assert.Contains(flags, f => f.Kind == ReportFlagKind.PathMtu && f.Subject.StartsWith("vxlan/kernel mtu 9000", StringComparison.Ordinal) && f.Short == "path MTU 1450");
    }
}
