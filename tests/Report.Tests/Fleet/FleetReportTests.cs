using System.Xml.Linq;
using PerfSuite.Model.Probe;
using PerfSuite.Model.Results;
using PerfSuite.Report.Analysis;
using PerfSuite.Report.Fleet;
using PerfSuite.Report.Writing;

namespace PerfSuite.Report.Tests.Fleet;

public sealed class FleetReportTests
{
    private static readonly ResultsDocument Run = SyntheticFleet.OneHostWithoutTunnelSegmentation.Document();

    [Fact]
    public void A_fleet_report_names_the_outlier_with_its_setting_and_draws_a_heatmap_per_datapath()
    {
        using var temp = new ScratchDirectory();

        // When the report of the four-host fleet is written
        var output = ReportWriter.Write(Run, temp.File("report"), force: false, "fleet.json");
        // (Markdown escapes the underscore; a problem row carries a ❌ before its first cell.)
        var markdown = File.ReadAllText(output.MarkdownPath).Replace("\\_", "_", StringComparison.Ordinal).Replace("❌ ", "", StringComparison.Ordinal);

        // Then it has the fleet section with the outlier row, node-c as sender, and the differing feature
        Assert.Contains("## Fleet: 4 hosts", markdown);
        Assert.Contains("### Hosts that stand out", markdown);
        // (The outlier table's rows have eight cells; the closest table's below it nine.)
        var rows = markdown.Split('\n').Where(l => l.StartsWith("| node-", StringComparison.Ordinal) && l.Contains("sender") && l.Split('|').Length == 10).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.StartsWith("| node-c | sender |", r));
        Assert.Contains(rows, r => r.Contains("tx-udp_tnl-segmentation off (3 of 4: on)") && r.Contains("goodput") && r.Contains("0.7×"));
        // And a sender × receiver heatmap for vxlan under the default profile, as PNG and vector SVG with the hosts as text
        var svg = Assert.Single(output.FigurePaths, p => p.EndsWith("fleet-vxlan-kernel-mtu1500-default-tcp-stream-x1.svg", StringComparison.Ordinal));
        Assert.Contains(output.FigurePaths, p => p.EndsWith("fleet-vxlan-kernel-mtu1500-default-tcp-stream-x1.png", StringComparison.Ordinal));
        var text = string.Concat(XDocument.Load(svg).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value + " "));
        Assert.Contains("node-c", text);
        Assert.Contains("receiver", text);
        Assert.Contains("### Sender × receiver (default offloads)", markdown);
        // And the profile effect across the fleet
        Assert.Contains("### Offload profiles against default, across the fleet", markdown);
        Assert.Contains("| vxlan | 1500 | tcp-stream | no-tnl-seg | 12 |", markdown);
    }

    [Fact]
    public void The_profile_effect_is_the_median_pair_ratio_with_an_interval_that_states_its_coverage()
    {
        // When
        var effect = Assert.Single(FleetProfileEffect.Of(Run.Cells, "default"));

        // Then: 12 pairs; every pair but node-c's three sends 20 % slower, node-c's sends 0.8 / 0.7 faster than under default
        Assert.Equal(12, effect.Pairs);
        Assert.InRange(effect.Goodput!.Estimate, 0.75, 0.85);
        Assert.True(effect.Goodput.Lower <= effect.Goodput.Estimate && effect.Goodput.Estimate <= effect.Goodput.Upper);
        // The order-statistic interval of a median of 12 reaches 95 %: ranks 3 and 10, 96.1 %
        Assert.Equal(3, effect.Goodput.Rank);
        Assert.InRange(effect.Goodput.Coverage, 0.961, 0.962);
        Assert.InRange(effect.CpuPerGbit!.Estimate, 1.3, 1.5);
    }

    [Fact]
    public void A_fleet_without_an_outlier_shows_how_close_each_host_came()
    {
        using var temp = new ScratchDirectory();
        // Given four hosts, node-c 3 % slower to send from: significant, under the 5 % minimum effect
        var document = new SyntheticFleet { Cv = 0.002, SenderGoodputFactor = new Dictionary<int, double> { [2] = 0.97 } }.Document();

        // When its report is written
        var markdown = File.ReadAllText(ReportWriter.Write(document, temp.File("report"), force: false).MarkdownPath);

        // Then it says nobody stands out, and lists each host's closest test, node-c first, 3 % below the fleet as sender
        Assert.Contains("No host stands out", markdown);
        Assert.Contains("### How close each host came to standing out", markdown);
        // (The closest table's rows have nine cells; the hosts table's seven.)
        var rows = markdown.Split('\n').Where(l => l.StartsWith("| node-", StringComparison.Ordinal) && l.Split('|').Length == 11).ToList();
        Assert.Equal(4, rows.Count);
        Assert.StartsWith("| node-c | sender | goodput", rows[0]);
        Assert.Matches(@"\| (0\.9|1\.0)× \(−(2\.[5-9]|3|3\.[0-5]) %\) \|", rows[0]);
        Assert.Contains("| 3 of 3 |", rows[0]);
        Assert.DoesNotContain("❌", string.Concat(rows));
    }

    [Fact]
    public void A_fleet_without_an_outlier_says_so_and_a_lab_report_has_no_fleet_section()
    {
        using var temp = new ScratchDirectory();
        var homogeneous = new SyntheticFleet { Seed = 3 }.Document();

        var fleet = File.ReadAllText(ReportWriter.Write(homogeneous, temp.File("fleet"), force: false).MarkdownPath);
        var lab = File.ReadAllText(ReportWriter.Write(SampleRun.Lab(), temp.File("lab"), force: false).MarkdownPath);

        Assert.Contains("No host stands out: none of the 16 host × role × metric × group tests", fleet);
        Assert.DoesNotContain("Fleet:", lab);
        Assert.DoesNotContain("Sender × receiver", lab);
    }

    [Fact]
    public void A_fleet_report_takes_its_wire_and_environment_from_the_hosts_NICs_not_from_the_runner()
    {
        using var temp = new ScratchDirectory();
        // Given four hosts over physical NICs, three at 25 Gb/s and one at 100 Gb/s, run from a machine whose own
        // interface (the one it reached the agents through) is a 1 GbE management NIC
        var fleet = new SyntheticFleet();
        var synthetic = fleet.Document();
        var management = Physical(fleet.Nic(0) with { Name = "eno1" }, "igb", 1_000);
        var document = synthetic with
        {
            Environment = synthetic.Environment with
            {
                Probe = [synthetic.Environment.Probe[0] with { Netns = null, Interfaces = [management] }],
                Hosts = [.. synthetic.Environment.Hosts!.Select((h, i) => h with
                {
                    Environment = h.Environment with
                    {
                        Probe = [h.Environment.Probe[0] with { Interfaces = [Physical(fleet.Nic(i), i == 3 ? "ice" : "mlx5_core", i == 3 ? 100_000u : 25_000u)] }],
                        Sysctls = new Dictionary<string, string> { ["net.ipv4.tcp_congestion_control"] = i == 1 ? "bbr" : "cubic" },
                    },
                })],
            },
        };

        // When it is analysed and written
        var analysis = ReportAnalyzer.Analyze(document);
        // (Markdown escapes the underscore.)
        var markdown = File.ReadAllText(ReportWriter.Write(document, temp.File("report"), force: false).MarkdownPath).Replace("\\_", "_", StringComparison.Ordinal);

        // Then the line rate is the slowest NIC under test's, not the runner's 1 GbE
        Assert.Equal(25e9, analysis.LineRate!.Bps);
        Assert.Contains("link speed of eth0 (mlx5_core) on node-a, 25000 Mb/s, the slowest NIC under test", analysis.LineRate.Source);
        // And the context line names the hosts and their NICs, not the runner
        var context = ReportPageBuilder.Context(analysis);
        Assert.StartsWith("fleet of 4 hosts (node-a, node-b, node-c, node-d)", context);
        Assert.Contains("NIC under test eth0 (mlx5_core, 25 Gb/s) on node-a, node-b, node-c; eth0 (ice, 100 Gb/s) on node-d", context);
        Assert.DoesNotContain("runner", context);
        Assert.DoesNotContain("eno1", context);
        Assert.Contains("36 cells, 3 repetitions of each of 12 ordered pairs", context);
        // And the environment table labels the runner as such, lists each host's NIC and the hosts' sysctls, and not the runner's interfaces
        Assert.Contains("| runner | runner |", markdown);
        Assert.Contains("| line rate | 25 Gbit/s, from link speed of eth0 (mlx5_core) on node-a", markdown);
        Assert.Contains("| node-d/eth0 | NIC under test: device, MTU 1500; driver ice; 100000 Mb/s reported |", markdown);
        Assert.Contains("| net.ipv4.tcp_congestion_control | node-a, node-c, node-d: cubic; node-b: bbr |", markdown);
        Assert.DoesNotContain("/eno1", markdown);
        // And the hosts table gives each NIC's speed
        Assert.Contains("| node-d | 198.18.0.4:7100 | eth0 (ice, 100 Gb/s) | 1500 |", markdown);
    }

    [Fact]
    public void A_fleet_over_veths_says_its_NICs_have_no_wire_instead_of_calling_itself_a_lab()
    {
        var analysis = ReportAnalyzer.Analyze(Run);
        using var temp = new ScratchDirectory();
        var markdown = File.ReadAllText(ReportWriter.Write(Run, temp.File("report"), force: false).MarkdownPath);

        Assert.Null(analysis.LineRate);
        Assert.Contains("NIC under test eth0 (veth, no wire) on all 4 hosts", ReportPageBuilder.Context(analysis));
        Assert.Contains("| line rate | none (no NIC under test reports a link speed; a veth has no wire)", markdown);
        Assert.DoesNotContain("lab over veth pairs", markdown);
        Assert.DoesNotContain("A lab has no wire", markdown);
    }

    /// <summary>The host's NIC as a physical one (no link kind) of this driver and speed, its link up.</summary>
    private static InterfaceSnapshot Physical(InterfaceSnapshot nic, string driver, uint speedMbps) => nic with
    {
        Kind = null,
        Driver = nic.Driver! with { Driver = driver },
        Features = [],
        Rings = null,
        Channels = null,
        Link = new LinkSettings(speedMbps, "full", "fibre", false, 0, "internal", [], [], [], true),
    };
}
