using System.Xml.Linq;
using PerfSuite.Model.Results;
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
}
