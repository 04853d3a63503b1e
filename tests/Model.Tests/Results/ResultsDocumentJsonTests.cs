using System.Text.Json;
using System.Text.Json.Nodes;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.Model.Tests.Results;

public sealed class ResultsDocumentJsonTests
{
    [Fact]
    public void Document_uses_the_contract_field_names()
    {
        // Given a document with a stream cell and a request/response cell
        var document = SampleResults.Document([SampleResults.Stream("vxlan", 1, 9e9), SampleResults.RequestResponse("ipip", 1, 80, 12000)]);

        // When
        var json = JsonNode.Parse(JsonSerializer.Serialize(document, ResultsJsonContext.Default.ResultsDocument))!;

        // Then the names issue 4 sketches, camelCase, enums as lowercase strings
        Assert.Equal("perfsuite/results@1", (string?)json["schema"]);
        Assert.Equal("6.18.0-test", (string?)json["environment"]!["kernel"]);
        Assert.Equal(2, (int?)json["environment"]!["cpuCount"]);
        Assert.Equal("perfsuite 0.1.0", (string?)json["environment"]!["tool"]);
        Assert.Equal("perfsuite/probe@1", (string?)json["environment"]!["probe"]![0]!["schema"]);
        var stream = json["cells"]![0]!;
        Assert.Equal("vxlan", (string?)stream["path"]);
        Assert.Equal("kernel", (string?)stream["impl"]);
        Assert.Equal(1500, (int?)stream["underlayMtu"]);
        Assert.Equal(1450, (int?)stream["podMtu"]);
        Assert.Equal("ok", (string?)stream["status"]);
        Assert.Null(stream["reason"]);
        Assert.Equal(9e9, (double?)stream["metrics"]!["goodputBps"]);
        Assert.Equal(0.6, (double?)stream["metrics"]!["cpuByCategory"]!["softirq"]);
        Assert.Equal(2.0, (double?)stream["metrics"]!["timeline"]![1]!["tSeconds"]);
        var rr = json["cells"]![1]!;
        Assert.Equal("userspace", (string?)rr["impl"]);
        Assert.Equal(120.0, (double?)rr["metrics"]!["latencyUs"]!["p99_9"]);
        Assert.Null(rr["metrics"]!["goodputBps"]);
        var goodput = json["summary"]![0]!["metrics"]!["goodputBps"]!;
        Assert.Equal("orderStatistic", (string?)goodput["intervalMethod"]);
        Assert.Equal(1, (int?)goodput["rank"]);
        Assert.Equal(0.95, (double?)goodput["level"]);
        Assert.Equal(MedianInterval.RangeCoverage((int)goodput["n"]!), (double?)goodput["coverage"]);
    }

    [Fact]
    public void Document_survives_a_round_trip()
    {
        var cells = new[] { SampleResults.Stream("native", 1, 9.1e9), SampleResults.Stream("native", 2, 0, status: CellStatus.Failed) };
        var document = SampleResults.Document(cells);

        var text = JsonSerializer.Serialize(document, ResultsJsonContext.Default.ResultsDocument);
        var back = JsonSerializer.Deserialize(text, ResultsJsonContext.Default.ResultsDocument)!;

        // Records compare lists by reference, so compare the serialised forms
        Assert.Equal(text, JsonSerializer.Serialize(back, ResultsJsonContext.Default.ResultsDocument));
        Assert.Equal(CellStatus.Failed, back.Cells[1].Status);
        Assert.Equal("agent died", back.Cells[1].Reason);
        Assert.Equal("rx-gro", back.Environment.Probe[0].Interfaces[0].Features[0].Name);
    }

    [Fact]
    public void A_cell_without_a_required_field_is_refused()
    {
        const string cell = """{"path":"native","impl":"kernel","underlayMtu":1500,"offloads":"default","test":"tcp-stream","streams":1,"status":"ok","durationSeconds":5}""";

        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(cell, ResultsJsonContext.Default.CellResult));

        Assert.Contains("rep", e.Message);
    }
}
