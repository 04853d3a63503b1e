using System.Text.Json;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;

namespace PerfSuite.Model.Tests.Results;

public sealed class ResultsReaderTests : IDisposable
{
    private readonly string _path = SampleResults.TempPath("results.json");

    public ResultsReaderTests() => Directory.CreateDirectory(Path.GetDirectoryName(_path)!);

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);

    [Fact]
    public void A_missing_file_is_named()
    {
        var e = Refused();

        Assert.Equal($"results file {_path} does not exist", e.Message);
    }

    [Fact]
    public void Text_that_is_not_json_is_reported_with_line_and_column()
    {
        // Given a file whose second line breaks off
        File.WriteAllText(_path, "{\n  \"schema\": perfsuite\n}");

        var e = Refused();

        Assert.StartsWith($"{_path} is not valid JSON: ", e.Message);
        Assert.EndsWith("(line 2, column 13)", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void An_unknown_schema_version_is_refused()
    {
        File.WriteAllText(_path, """{"schema":"perfsuite/results@2","cells":[]}""");

        Assert.Equal($"{_path} has schema perfsuite/results@2; this PerfSuite reads perfsuite/results@1", Refused().Message);
    }

    [Fact]
    public void Another_kind_of_document_is_refused()
    {
        File.WriteAllText(_path, """{"schema":"perfsuite/probe@1"}""");

        Assert.Contains("is a 'perfsuite/probe@1' document, not results", Refused().Message);
    }

    [Fact]
    public void Json_without_a_schema_is_refused()
    {
        File.WriteAllText(_path, "[1, 2]");

        Assert.Contains("is not a PerfSuite results document", Refused().Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\t")]
    public void An_empty_file_is_refused(string content)
    {
        File.WriteAllText(_path, content);

        Assert.Equal($"results file {_path} is empty", Refused().Message);
    }

    [Fact]
    public void A_document_without_cells_is_refused()
    {
        ResultsWriter.WriteAtomic(SampleResults.Document([]), _path);

        Assert.Equal($"results file {_path} holds no cells", Refused().Message);
    }

    [Fact]
    public void A_document_missing_a_required_field_is_refused_with_its_position()
    {
        var json = JsonSerializer.Serialize(SampleResults.Document([SampleResults.Stream("native", 1, 9e9)]),
            ResultsJsonContext.Default.ResultsDocument).Replace("\"rep\": 1,", "");
        File.WriteAllText(_path, json);

        var e = Refused();

        Assert.StartsWith($"{_path} is not a valid results document: ", e.Message);
        Assert.Contains("rep", e.Message);
        Assert.Matches(@"\(line \d+, column \d+\)$", e.Message);
    }

    [Fact]
    public void A_document_without_summaries_gets_them_computed()
    {
        var document = SampleResults.Document([SampleResults.Stream("native", 1, 9e9), SampleResults.Stream("native", 2, 9.4e9)]) with { Summary = null };
        ResultsWriter.WriteAtomic(document, _path);

        var loaded = ResultsReader.Load(_path);

        Assert.Equal(9.2e9, loaded.Summary![0].Metrics["goodputBps"].Median);
    }

    private PerfSuiteException Refused()
    {
        var e = Assert.Throws<PerfSuiteException>(() => ResultsReader.Load(_path));
        Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
        return e;
    }
}
