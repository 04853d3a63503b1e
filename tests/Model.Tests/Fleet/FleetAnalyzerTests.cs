using System.Text;
using System.Text.Json;
using PerfSuite.Model.Fleet;
using PerfSuite.Model.Results;
using PerfSuite.Model.Tests.Results;

namespace PerfSuite.Model.Tests.Fleet;

public sealed class FleetAnalyzerTests
{
    private const string TunnelSegmentation = "tx-udp_tnl-segmentation";

    [Fact]
    public void The_one_slow_host_of_four_is_the_only_outlier_and_its_differing_feature_is_named()
    {
        // Given four hosts, node-c 30 % slower and 30 % costlier to send from, with tunnel segmentation off on its NIC
        var fleet = new SyntheticFleet
        {
            SenderGoodputFactor = new Dictionary<int, double> { [2] = 0.7 },
            SenderCpuFactor = new Dictionary<int, double> { [2] = 1.3 },
            FeaturesOff = new Dictionary<int, string[]> { [2] = [TunnelSegmentation] },
        };

        // When
        var analysis = FleetAnalyzer.Analyze(fleet.Cells(), fleet.Document().Environment)!;

        // Then node-c, and only node-c, stands out, as sender, in goodput and in CPU per Gbit
        Assert.All(analysis.Outliers, o => Assert.Equal("node-c", o.Host));
        var goodput = Assert.Single(analysis.Outliers, o => o.Metric == "goodputBps");
        Assert.Equal(FleetRole.Sender, goodput.Role);
        Assert.InRange(goodput.Ratio, 0.65, 0.75);
        Assert.Equal(3, goodput.Statistics.Peers);
        Assert.Equal(3, goodput.Statistics.PeersDiffering);
        Assert.True(goodput.Statistics.AdjustedPValue <= analysis.Alpha);
        var cpu = Assert.Single(analysis.Outliers, o => o.Metric == "coreSecondsPerGbit");
        Assert.InRange(cpu.Ratio, 1.2, 1.4);
        // And its evidence is that one feature, off where three of four hosts have it on
        var evidence = Assert.Single(goodput.Evidence);
        Assert.Equal(new SettingDifference(TunnelSegmentation, "off", "on", 3, 4), evidence);
        // And every host, role and metric was tested: 4 hosts × 2 roles × 2 metrics
        Assert.Equal(16, analysis.Tests);
        Assert.Equal(["node-a", "node-b", "node-c", "node-d"], analysis.Hosts);
    }

    [Fact]
    public void A_host_3_percent_slow_is_no_outlier_but_is_reported_closest_with_its_ratio_and_p_values()
    {
        // Given four hosts in a quiet fleet (0.2 % noise), node-c 3 % slower to send from: beyond the noise, but under the
        // rule's 5 % minimum effect
        var fleet = new SyntheticFleet { Cv = 0.002, SenderGoodputFactor = new Dictionary<int, double> { [2] = 0.97 } };

        // When
        var analysis = FleetAnalyzer.Analyze(fleet.Cells(), fleet.Document().Environment)!;

        // Then nobody stands out
        Assert.Empty(analysis.Outliers);
        // But every host has its closest test, node-c's first: as sender, in goodput, 3 % below the fleet, significant
        // after Holm and differing from all three peers
        var closest = analysis.Closest!;
        Assert.Equal(["node-a", "node-b", "node-c", "node-d"], closest.Select(c => c.Host).Order());
        var nodeC = closest[0];
        Assert.Equal(("node-c", FleetRole.Sender, "goodputBps"), (nodeC.Host, nodeC.Role, nodeC.Metric));
        Assert.InRange(nodeC.Ratio, 0.965, 0.975);
        Assert.True(nodeC.Statistics.AdjustedPValue <= analysis.Alpha, $"Holm p {nodeC.Statistics.AdjustedPValue}");
        Assert.True(nodeC.Statistics.PValue <= nodeC.Statistics.AdjustedPValue);
        Assert.Equal((3, 3), (nodeC.Statistics.PeersDiffering, nodeC.Statistics.Peers));
        // And the healthy hosts came less close: nearer the fleet, and less significant
        Assert.All(closest.Skip(1), c =>
        {
            Assert.InRange(c.Ratio, 0.98, 1.02);
            Assert.True(c.Statistics.AdjustedPValue >= nodeC.Statistics.AdjustedPValue);
        });
    }

    [Fact]
    public void A_host_that_stands_out_is_closest_with_one_of_its_outlier_entries()
    {
        var fleet = new SyntheticFleet
        {
            SenderGoodputFactor = new Dictionary<int, double> { [2] = 0.7 },
            FeaturesOff = new Dictionary<int, string[]> { [2] = [TunnelSegmentation] },
        };

        var analysis = FleetAnalyzer.Analyze(fleet.Cells(), fleet.Document().Environment)!;

        var nodeC = analysis.Closest!.Single(c => c.Host == "node-c");
        Assert.Contains(nodeC, analysis.Outliers);
        Assert.Equal(TunnelSegmentation, Assert.Single(nodeC.Evidence).Setting);
        Assert.Equal("node-c", analysis.Closest![0].Host);
    }

    [Fact]
    public void A_fleet_section_written_before_closest_existed_still_reads()
    {
        // Given a document's fleet section without "closest"
        var document = SyntheticFleet.OneHostWithoutTunnelSegmentation.Document();
        var analysis = FleetAnalyzer.Analyze(document.Cells, document.Environment)!;
        analysis = analysis with { Closest = null };
        var json = JsonSerializer.Serialize(document with { Fleet = analysis }, ResultsJsonContext.Default.ResultsDocument);
        Assert.DoesNotContain("\"closest\"", json);

        // When it is read back, then its section reads, with no closest list
        var read = JsonSerializer.Deserialize(json, ResultsJsonContext.Default.ResultsDocument)!;
        Assert.Null(read.Fleet!.Closest);
        Assert.Equal(analysis.Outliers.Count, read.Fleet.Outliers.Count);
    }

    [Fact]
    public void With_three_hosts_the_healthy_ones_are_not_named_for_differing_from_the_slow_one()
    {
        // Given three hosts, node-a 30 % slower: each healthy host's median ratio over its two peers is 1.2, beyond
        // the minimum effect, but it differs significantly from one peer of two, not from a majority. (Three hosts
        // leave the pair fit one degree of freedom, so only a quiet fleet shows anything.)
        var fleet = new SyntheticFleet { Hosts = 3, Reps = 5, Cv = 0.002, SenderGoodputFactor = new Dictionary<int, double> { [0] = 0.7 } };

        var analysis = FleetAnalyzer.Analyze(fleet.Cells(), fleet.Document().Environment)!;

        var outlier = Assert.Single(analysis.Outliers);
        Assert.Equal(("node-a", FleetRole.Sender), (outlier.Host, outlier.Role));
    }

    [Fact]
    public void A_host_slow_to_receive_stands_out_as_receiver_only()
    {
        var fleet = new SyntheticFleet { Hosts = 5, ReceiverGoodputFactor = new Dictionary<int, double> { [1] = 0.75 } };

        var analysis = FleetAnalyzer.Analyze(fleet.Cells(), fleet.Document().Environment)!;

        var outlier = Assert.Single(analysis.Outliers);
        Assert.Equal(("node-b", FleetRole.Receiver, "goodputBps"), (outlier.Host, outlier.Role, outlier.Metric));
        Assert.Empty(outlier.Evidence);
    }

    [Fact]
    public void A_homogeneous_noisy_fleet_has_no_outlier()
    {
        var fleet = new SyntheticFleet { Hosts = 6, Cv = 0.10, Seed = 42 };

        var analysis = FleetAnalyzer.Analyze(fleet.Cells(), fleet.Document().Environment)!;

        Assert.Empty(analysis.Outliers);
        Assert.Equal(24, analysis.Tests);
    }

    [Fact]
    public void A_difference_smaller_than_the_minimum_effect_is_not_an_outlier_however_significant()
    {
        // Given a host 3 % slower, measured with almost no noise
        var fleet = new SyntheticFleet { Cv = 0.002, Reps = 5, SenderGoodputFactor = new Dictionary<int, double> { [0] = 0.97 } };

        var strict = FleetAnalyzer.Analyze(fleet.Cells(), fleet.Document().Environment)!;
        var loose = FleetAnalyzer.Analyze(fleet.Cells(), fleet.Document().Environment, minimumEffect: 0.01)!;

        Assert.Empty(strict.Outliers);
        Assert.Equal("node-a", Assert.Single(loose.Outliers).Host);
    }

    [Fact]
    public void Two_hosts_or_one_repetition_per_pair_are_noted_as_untestable()
    {
        var two = new SyntheticFleet { Hosts = 2 };
        var once = new SyntheticFleet { Reps = 1 };

        var twoAnalysis = FleetAnalyzer.Analyze(two.Cells(), two.Document().Environment)!;
        var onceAnalysis = FleetAnalyzer.Analyze(once.Cells(), once.Document().Environment)!;

        Assert.Empty(twoAnalysis.Outliers);
        Assert.Contains("fewer than three", Assert.Single(twoAnalysis.Notes));
        Assert.Equal(0, twoAnalysis.Tests);
        Assert.Empty(onceAnalysis.Outliers);
        Assert.All(onceAnalysis.Notes, n => Assert.Contains("--reps 2", n));
        Assert.Equal(2, onceAnalysis.Notes.Count);
    }

    [Fact]
    public void A_lab_run_has_no_fleet_section()
    {
        var cells = SampleResults.Document([SampleResults.Stream("vxlan", 1, 9e9)]);

        Assert.Null(FleetAnalyzer.Analyze(cells.Cells, cells.Environment));
    }

    [Fact]
    public void Evidence_comes_from_the_nic_as_the_groups_cells_recorded_it()
    {
        // Given node-d's feature off only at the start (environment) but on in every cell's snapshot
        var fleet = new SyntheticFleet { SenderGoodputFactor = new Dictionary<int, double> { [3] = 0.7 } };
        var offAtStart = new SyntheticFleet { FeaturesOff = new Dictionary<int, string[]> { [3] = [TunnelSegmentation] } };
        var environment = fleet.Document().Environment with { Hosts = offAtStart.Document().Environment.Hosts };

        var analysis = FleetAnalyzer.Analyze(fleet.Cells(), environment)!;
        var withoutCellSnapshots = FleetAnalyzer.Analyze(fleet.Cells().Select(c => c with { Nics = null }).ToList(), environment)!;

        Assert.Empty(Assert.Single(analysis.Outliers).Evidence);
        Assert.Equal(TunnelSegmentation, Assert.Single(Assert.Single(withoutCellSnapshots.Outliers).Evidence).Setting);
    }

    [Fact]
    public void A_fleet_run_finished_or_recovered_from_its_journal_carries_its_fleet_section()
    {
        // Given a fleet run's cells appended to a journal
        using var scratch = new ScratchDirectory();
        var fleet = new SyntheticFleet { SenderGoodputFactor = new Dictionary<int, double> { [3] = 0.7 } };
        var document = fleet.Document();
        var finishedPath = scratch.File("finished.json");
        var recoveredPath = scratch.File("recovered.json");
        using var finished = ResultsJournal.Start(finishedPath, "fleet-1", document.StartedUtc, document.CommandLine, document.Environment);
        using var recovered = ResultsJournal.Start(recoveredPath, "fleet-2", document.StartedUtc, document.CommandLine, document.Environment);
        foreach (var cell in document.Cells)
        {
            finished.Append(cell);
            recovered.Append(cell);
        }

        // When one finishes and the other's journal is recovered as after a crash
        var written = finished.Finish(DateTimeOffset.Parse("2025-03-01T10:05:00Z"));
        var rebuilt = ResultsJournal.Recover(recovered.JournalPath);

        // Then both name node-d, and the file on disk carries it too
        Assert.Equal("node-d", Assert.Single(written.Fleet!.Outliers).Host);
        Assert.Equal("node-d", Assert.Single(rebuilt.Fleet!.Outliers).Host);
        Assert.Contains("\"fleet\"", File.ReadAllText(finishedPath));
    }

    [Fact]
    public void A_fleet_document_read_without_its_fleet_section_gets_it_computed()
    {
        var fleet = new SyntheticFleet { SenderGoodputFactor = new Dictionary<int, double> { [1] = 0.7 } };
        var text = JsonSerializer.Serialize(fleet.Document(), ResultsJsonContext.Default.ResultsDocument);

        var document = ResultsReader.Parse(Encoding.UTF8.GetBytes(text), "fleet.json");

        Assert.Equal("node-b", Assert.Single(document.Fleet!.Outliers).Host);
    }
}
