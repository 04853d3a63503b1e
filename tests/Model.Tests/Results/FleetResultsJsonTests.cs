using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;

namespace PerfSuite.Model.Tests.Results;

public sealed class FleetResultsJsonTests
{
    [Fact]
    public void Fleet_cells_hosts_and_outliers_use_the_contract_field_names_and_survive_a_round_trip()
    {
        // Given a fleet document with an outlier
        var fleet = new SyntheticFleet { Hosts = 3, Reps = 2 };
        var outlier = new FleetOutlier("node-b", FleetRole.Sender, "goodputBps", "vxlan", DatapathImplementation.Kernel, 1500,
            "default", "tcp-stream", 1, 0.7, new FleetOutlierStatistics(2, 2, 1e-6, 4e-6, 12, 0.05, 2),
            [new SettingDifference("tx-udp_tnl-segmentation", "off", "on", 2, 3)]);
        var document = fleet.Document() with
        {
            Fleet = new FleetAnalysis("pairwise-t-majority-holm", 0.05, 0.05, ["node-a", "node-b", "node-c"], 12, [outlier], []),
        };

        // When
        var text = JsonSerializer.Serialize(document, ResultsJsonContext.Default.ResultsDocument);
        var json = JsonNode.Parse(text)!;
        var back = ResultsReader.Parse(Encoding.UTF8.GetBytes(text), "fleet.json");

        // Then
        var cell = json["cells"]![0]!;
        Assert.Equal("node-a", (string?)cell["sender"]);
        Assert.Equal("node-b", (string?)cell["receiver"]);
        Assert.Equal("node-a", (string?)cell["nics"]![0]!["host"]);
        Assert.Equal("eth0", (string?)cell["nics"]![0]!["nic"]!["name"]);
        var host = json["environment"]!["hosts"]![1]!;
        Assert.Equal("node-b", (string?)host["name"]);
        Assert.Equal("eth0", (string?)host["nic"]);
        Assert.Equal("node-b", (string?)host["environment"]!["hostname"]);
        Assert.Equal("tx-udp_tnl-segmentation", (string?)host["environment"]!["probe"]![0]!["interfaces"]![0]!["features"]![2]!["name"]);
        var written = json["fleet"]!["outliers"]![0]!;
        Assert.Equal("node-b", (string?)written["host"]);
        Assert.Equal("sender", (string?)written["role"]);
        Assert.Equal("goodputBps", (string?)written["metric"]);
        Assert.Equal(0.7, (double?)written["ratio"]);
        Assert.Equal(4e-6, (double?)written["statistics"]!["adjustedPValue"]);
        Assert.Equal("tx-udp_tnl-segmentation", (string?)written["evidence"]![0]!["setting"]);
        Assert.Equal(text, JsonSerializer.Serialize(back, ResultsJsonContext.Default.ResultsDocument));
    }

    [Fact]
    public void A_document_without_fleet_fields_reads_and_is_written_without_them()
    {
        // Given a results file written before fleets existed
        var old = SampleResults.Document([SampleResults.Stream("vxlan", 1, 9e9)]);
        var text = JsonSerializer.Serialize(old, ResultsJsonContext.Default.ResultsDocument);

        // When
        var back = ResultsReader.Parse(Encoding.UTF8.GetBytes(text), "old.json");

        // Then the new fields are absent, not null, so non-fleet files are unchanged byte for byte
        Assert.Null(back.Fleet);
        Assert.Null(back.Environment.Hosts);
        Assert.Null(back.Cells[0].Sender);
        Assert.DoesNotContain("\"sender\"", text);
        Assert.DoesNotContain("\"hosts\"", text);
        Assert.DoesNotContain("\"fleet\"", text);
        Assert.DoesNotContain("\"nics\"", text);
    }
}
