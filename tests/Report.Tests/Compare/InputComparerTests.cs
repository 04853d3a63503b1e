using System.Text.Json;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;
using PerfSuite.Report.Compare;

namespace PerfSuite.Report.Tests.Compare;

public sealed class InputComparerTests
{
    [Fact]
    public void Mixed_inputs_line_up_column_by_column_with_gaps_for_what_an_input_lacks()
    {
        // Given two runs (one without a NIC snapshot), a composed mlx5 dump and this machine's probe snapshot
        var inputs = new[]
        {
            CompareRuns.Load(CompareRuns.NicA(), "a.json"),
            CompareRuns.Load(CompareRuns.NodeB(), "b.json"),
            CompareRuns.Fixture("mlx5-composed.ethtool-i-k.txt"),
            CompareRuns.Fixture("host.probe.json"),
        };

        // When
        var report = InputComparer.Compare(inputs);

        // Then every column is there, labelled by the results' label or host, the file, the probe's host
        Assert.Equal(["nic-a:ens1", "node-b", "mlx5-composed.ethtool-i-k.txt:enp59s0f0np0", "vm:eth0"], report.Columns.Select(c => c.Label));
        Assert.Equal([CompareInputKind.Results, CompareInputKind.Results, CompareInputKind.EthtoolDump, CompareInputKind.Probe],
            report.Columns.Select(c => c.Kind));
        Assert.Contains("the results carry no NIC snapshot (environment.probe is empty)", report.Columns[1].Notes);
        Assert.Contains("compared eth0, the physical NIC; also in this input: lo", report.Columns[3].Notes[0], StringComparison.Ordinal);

        // NIC properties, with gaps that say why
        Assert.Equal(["mlx5_core", null, "mlx5_core", "virtio_net"], Row(report, "driver").Select(c => c.Value));
        Assert.Equal("no NIC snapshot in the results", Row(report, "driver")[1].Gap);
        Assert.Equal(["25 Gbit/s", null, null, "unknown"], Row(report, "link speed").Select(c => c.Value));
        Assert.Equal("not in ethtool -k/-i output", Row(report, "link speed")[2].Gap);
        Assert.Equal(["1024 of 8192", null, null, "256 of 256"], Row(report, "rx ring").Select(c => c.Value));
        Assert.Equal(["8 of 63", null, null, "1 of 1"], Row(report, "combined channels").Select(c => c.Value));

        // Encapsulations: hardware, unknown without features, hardware, software on virtio
        var vxlan = report.Encapsulations.Single(e => e.Encapsulation == "VXLAN");
        Assert.Equal([EncapsulationVerdict.Hardware, EncapsulationVerdict.Unknown, EncapsulationVerdict.Hardware, EncapsulationVerdict.Software],
            vxlan.Cells.Select(c => c.Verdict));
        Assert.Equal(["segmentation", "checksum", "tunnel port", "hardware GRO"], vxlan.Aspects.Select(a => a.Aspect));
        Assert.Equal([OffloadState.Unsupported, OffloadState.Unknown, OffloadState.Unsupported, OffloadState.Hardware],
            vxlan.Aspects.Single(a => a.Aspect == "hardware GRO").Cells.Select(c => c.State));
        var wireguard = report.Encapsulations.Single(e => e.Encapsulation == "WireGuard");
        Assert.All(wireguard.Cells, c => Assert.Equal(EncapsulationVerdict.Software, c.Verdict));
        Assert.Empty(wireguard.Aspects);

        // VXLAN's cost where results show it, under the encapsulation the vxlan datapath is (its links carry outer UDP
        // checksums): about 9.0 / 9.4 goodput and 0.70 / 0.40 CPU per Gbit
        Assert.Equal("no PerfSuite datapath measures it", vxlan.Cells[0].CostGap);
        var measured = report.Encapsulations.Single(e => e.Encapsulation == "VXLAN with outer checksum");
        Assert.Equal("vxlan", measured.Datapath);
        var cost = Assert.Single(measured.Cells[0].Costs);
        Assert.Equal(("vxlan", "native", 1500, "default", 1), (cost.Datapath, cost.Baseline, cost.UnderlayMtu, cost.Offloads, cost.Streams));
        Assert.InRange(cost.Goodput!.Estimate, 0.94, 0.975);
        Assert.True(cost.Goodput.Upper < 1, "the goodput interval excludes 1");
        Assert.InRange(cost.CpuPerGbitRatio!.Estimate, 1.65, 1.85);
        Assert.Equal("no successful vxlan tcp-stream cell in these results", measured.Cells[1].CostGap);
        Assert.Equal("not a results file", measured.Cells[2].CostGap);
        Assert.Equal("no PerfSuite datapath measures it", report.Encapsulations.Single(e => e.Encapsulation == "GRE").Cells[0].CostGap);

        // Datapaths: the union of both runs, gaps where a run lacks one
        Assert.Equal(
            ["native mtu 1500 default tcp-stream ×1", "ipip mtu 1500 default tcp-stream ×1", "vxlan mtu 1500 default tcp-stream ×1", "native mtu 1500 default tcp-rr ×1"],
            report.Datapaths.Select(d => d.Label));
        var vxlanRow = report.Datapaths.Single(d => d.Path == "vxlan");
        Assert.Equal([null, "not measured", "not a results file", "not a results file"], vxlanRow.Cells.Select(c => c.Gap));
        Assert.InRange(vxlanRow.Cells[0].Goodput!.Median, 8.9e9, 9.1e9);
        var ipipRow = report.Datapaths.Single(d => d.Path == "ipip");
        Assert.Equal(["not measured", "skipped: no ipip module in this kernel"], ipipRow.Cells.Take(2).Select(c => c.Gap));
    }

    [Fact]
    public void Rankings_show_ties_where_the_intervals_overlap_and_order_where_they_do_not()
    {
        // Given two runs whose native goodput comes from one distribution and whose p99 differs by 60 %
        var report = InputComparer.Compare([
            CompareRuns.Load(CompareRuns.NicA(), "a.json"),
            CompareRuns.Load(CompareRuns.NodeB(), "b.json"),
            CompareRuns.Fixture("ixgbe-composed.ethtool-i-k.txt"),
        ]);

        // Then native goodput is a tie
        var goodput = report.Rankings.Single(r => r.Criterion == "goodput" && r.Scope == "native mtu 1500 default tcp-stream ×1");
        Assert.Equal([(1, true), (1, true)], goodput.Entries.Select(e => (e.Rank, e.Tied)));
        Assert.Empty(goodput.Unranked);

        // p99 is not: a is first (lower is better)
        var p99 = report.Rankings.Single(r => r.Criterion == "p99 latency");
        Assert.Equal([(1, 0, false), (2, 1, false)], p99.Entries.Select(e => (e.Rank, e.Column, e.Tied)));

        // VXLAN was measured by a only: b is a gap, the dump is not ranked at all (it has no results)
        var vxlan = report.Rankings.Single(r => r.Criterion == "goodput" && r.Scope.StartsWith("vxlan", StringComparison.Ordinal));
        Assert.Equal([0], vxlan.Entries.Select(e => e.Column));
        Assert.Equal([new UnrankedColumn(1, "not measured")], vxlan.Unranked);

        // Offload coverage: the run's mlx5 NIC 6 of 7, the ixgbe dump 4 of 7, b has no snapshot
        var coverage = report.Rankings[0];
        Assert.Equal("offload coverage", coverage.Criterion);
        Assert.Equal([(1, 0, 6.0), (2, 2, 4.0)], coverage.Entries.Select(e => (e.Rank, e.Column, e.Value)));
        Assert.Equal([new UnrankedColumn(1, "no NIC snapshot in the results")], coverage.Unranked);
    }

    [Fact]
    public void Rankings_of_three_repetition_runs_state_the_coverage_the_ranges_really_have()
    {
        // Given two runs of three repetitions each
        static ResultsDocument Run(string id, ulong seed) =>
            SyntheticRuns.Document(id, SyntheticRuns.StreamCells("native", SyntheticRuns.Draw(3, 9.4e9, 0.05, seed)));

        // When
        var report = InputComparer.Compare([CompareRuns.Load(Run("a", 1), "a.json"), CompareRuns.Load(Run("b", 2), "b.json")]);
        var console = new StringWriter();
        new CompareConsoleWriter(console).Write(report);

        // Then the tie rule and every value name the range of 3 and its 75 %, and nothing claims 95 %
        var goodput = report.Rankings.Single(r => r.Criterion == "goodput");
        Assert.Equal("tied when the intervals of the medians overlap (each covers its median 75 %)", goodput.TieRule);
        Assert.All(goodput.Entries, e => Assert.Equal(0.75, e.Coverage));
        Assert.All(goodput.Entries, e => Assert.Contains("range of 3: 75 %", e.Text));
        Assert.DoesNotContain("95 %", console.ToString());
    }

    [Fact]
    public void The_same_nic_twice_ties_for_first_and_the_next_one_is_third()
    {
        var report = InputComparer.Compare([
            CompareRuns.Fixture("mlx5-composed.ethtool-i-k.txt"),
            CompareRuns.Fixture("ixgbe-composed.ethtool-i-k.txt"),
            CompareRuns.Fixture("mlx5-composed.ethtool-i-k.txt"),
            CompareRuns.Fixture("veth0.ethtool-i-k.txt"),
        ]);

        var coverage = report.Rankings.Single(r => r.Criterion == "offload coverage");
        Assert.Equal([(1, 0, true), (1, 2, true), (3, 1, false)], coverage.Entries.Select(e => (e.Rank, e.Column, e.Tied)));
        Assert.Equal([new UnrankedColumn(3, "veth device: no hardware to offload to")], coverage.Unranked);
        Assert.Equal("6 of 7 on", coverage.Entries[0].Text);
        // Two columns with one label get the position appended
        Assert.Equal(["mlx5-composed.ethtool-i-k.txt:enp59s0f0np0 #1", "ixgbe-composed.ethtool-i-k.txt:eth2",
            "mlx5-composed.ethtool-i-k.txt:enp59s0f0np0 #3", "veth0.ethtool-i-k.txt:veth0"], report.Columns.Select(c => c.Label));
    }

    [Fact]
    public void Old_kernels_miss_features_and_the_old_ipip_name_still_counts()
    {
        var report = InputComparer.Compare([CompareRuns.Fixture("ixgbe-composed.ethtool-i-k.txt"), CompareRuns.Fixture("mlx5-composed.ethtool-i-k.txt")]);

        var csum = report.Encapsulations.Single(e => e.Encapsulation == "VXLAN with outer checksum");
        Assert.Equal(EncapsulationVerdict.Software, csum.Cells[0].Verdict);
        Assert.Equal("the kernel segments it in software: this kernel has no tx-udp_tnl-csum-segmentation", csum.Cells[0].Explanation);
        Assert.Equal(OffloadState.Absent, csum.Aspects.Single(a => a.Aspect == "tunnel port").Cells[0].State);
        var ipip = report.Encapsulations.Single(e => e.Encapsulation == "IPIP");
        Assert.Equal([EncapsulationVerdict.Hardware, EncapsulationVerdict.Hardware], ipip.Cells.Select(c => c.Verdict));
        Assert.Equal(["tx-ipip-segmentation", "tx-ipxip4-segmentation"], ipip.Aspects[0].Cells.Select(c => c.Feature));
    }

    [Fact]
    public void A_virtual_device_defers_and_a_changeable_offload_that_is_off_says_how_to_turn_it_on()
    {
        // Given veth0, whose TSO is requested on but blocked (sg off), and a snapshot with tx-udp_tnl-segmentation changeable but off
        var veth = CompareRuns.Fixture("veth0.ethtool-i-k.txt");
        var mlx5 = CompareRuns.Fixture("mlx5-composed.ethtool-i-k.txt");
        var nic = mlx5.Interfaces[0];
        var off = nic with
        {
            Features = nic.Features.Select(f => f.Name == "tx-udp_tnl-segmentation" ? f with { Active = false, Requested = false } : f).ToList(),
        };

        var report = InputComparer.Compare([veth, mlx5 with { Interfaces = [off] }]);

        var vxlan = report.Encapsulations.Single(e => e.Encapsulation == "VXLAN");
        Assert.Equal([EncapsulationVerdict.Deferred, EncapsulationVerdict.SoftwareNicCapable], vxlan.Cells.Select(c => c.Verdict));
        Assert.Equal("veth device: it passes large packets on unsegmented (tx-udp_tnl-segmentation on); the device after it decides", vxlan.Cells[0].Explanation);
        Assert.Equal("the kernel segments it in software although the device could: tx-udp_tnl-segmentation: off, changeable (ethtool -K enp59s0f0np0 tx-udp_tnl-segmentation on)",
            vxlan.Cells[1].Explanation);
    }

    [Theory]
    [InlineData("host.probe.json", "eth0", "compared eth0, the physical NIC; also in this input: lo")]
    [InlineData("host.probe.json:lo", "lo", null)]
    [InlineData("scratch.probe.json", "ps-t2cd5e8/veth0", "compared ps-t2cd5e8/veth0, the underlay a tunnel runs over; also in this input: ps-t2cd5e8/lo, ps-t2cd5e8/veth1, ps-t2cd5e8/vxlan0")]
    [InlineData("scratch.probe.json:vxlan0", "ps-t2cd5e8/vxlan0", null)]
    [InlineData("host.probe.json:eth9", null, "no interface 'eth9' in this input (it has eth0, lo)")]
    public void The_compared_interface_is_the_one_named_or_else_the_nic(string argument, string? expected, string? note)
    {
        var report = InputComparer.Compare([CompareRuns.Fixture(argument), CompareRuns.Fixture("lo.ethtool-k.txt")]);

        Assert.Equal(expected, report.Columns[0].Interface);
        if (note is null)
            Assert.DoesNotContain(report.Columns[0].Notes, n => n.StartsWith("compared", StringComparison.Ordinal));
        else
            Assert.StartsWith(note, report.Columns[0].Notes[0], StringComparison.Ordinal);
        if (expected is null)
            Assert.Equal("no interface eth9", report.Nic.Single(r => r.Item == "driver").Cells[0].Gap);
    }

    [Fact]
    public void Fewer_than_two_inputs_are_refused()
    {
        var error = Assert.Throws<PerfSuiteException>(() => InputComparer.Compare([CompareRuns.Fixture("lo.ethtool-k.txt")]));

        Assert.Equal("compare needs at least two inputs, not 1", error.Message);
    }

    [Fact]
    public void The_json_document_is_versioned_with_enums_as_words()
    {
        var report = InputComparer.Compare([CompareRuns.Load(CompareRuns.NicA(), "a.json"), CompareRuns.Fixture("ixgbe-composed.ethtool-i-k.txt")]);

        var json = JsonSerializer.Serialize(report, CompareJsonContext.Default.CompareReport);

        using var document = JsonDocument.Parse(json);
        Assert.Equal("perfsuite/compare@1", document.RootElement.GetProperty("schema").GetString());
        Assert.Equal("ethtool-dump", document.RootElement.GetProperty("columns")[1].GetProperty("kind").GetString());
        Assert.Equal("hardware", document.RootElement.GetProperty("encapsulations")[0].GetProperty("cells")[0].GetProperty("verdict").GetString());
        Assert.Equal("higherIsBetter", document.RootElement.GetProperty("rankings")[0].GetProperty("direction").GetString());
    }

    private static IReadOnlyList<CompareCell> Row(CompareReport report, string item) => report.Nic.Single(r => r.Item == item).Cells;
}
