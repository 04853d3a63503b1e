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
    [InlineData("", "is empty or not a regular file (a FIFO or a device)")]
    [InlineData("  \n\t", "is empty")]
    public void An_empty_file_is_refused(string content, string reason)
    {
        File.WriteAllText(_path, content);

        Assert.Equal($"results file {_path} {reason}", Refused().Message);
    }

    [Fact]
    public void A_fifo_is_refused_without_blocking_and_dev_zero_without_being_read()
    {
        // Given a FIFO nobody writes to (opening it for reading would block forever)
        var fifo = _path + ".fifo";
        Assert.Equal(0, Shell.TryRun("mkfifo", [fifo]).Code);
        try
        {
            // When / Then: both are refused at once, with the reason
            var e = Assert.Throws<PerfSuiteException>(() => ResultsReader.Load(fifo));
            Assert.Equal($"results file {fifo} is empty or not a regular file (a FIFO or a device)", e.Message);
            e = Assert.Throws<PerfSuiteException>(() => ResultsReader.Load("/dev/zero"));
            Assert.Equal("results file /dev/zero is empty or not a regular file (a FIFO or a device)", e.Message);
        }
        finally
        {
            File.Delete(fifo);
        }
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

    [Fact]
    public void A_summary_written_with_the_old_95_percent_bootstrap_label_is_recomputed_with_its_true_coverage()
    {
        // Given a document as PerfSuite wrote it before issue 14: three repetitions, [min, max] labelled 95 %
        var cells = new[] { SampleResults.Stream("native", 1, 9e9), SampleResults.Stream("native", 2, 9.4e9), SampleResults.Stream("native", 3, 9.2e9) };
        var fresh = ResultsSummarizer.Summarize(cells);
        var old = fresh.Select(g => g with
        {
            Metrics = g.Metrics.ToDictionary(kv => kv.Key, kv => kv.Value with
            {
                Coverage = 0.95,
                IntervalMethod = Model.Statistics.IntervalMethod.Bootstrap,
                Rank = 0,
                Level = 0,
            }),
        }).ToList();
        ResultsWriter.WriteAtomic(SampleResults.Document(cells) with { Summary = old }, _path);
        Assert.Contains("\"bootstrap\"", File.ReadAllText(_path));

        // When
        var loaded = ResultsReader.Load(_path);

        // Then the reader re-summarises it from the cells: the range of 3 covers the median 75 %
        var goodput = loaded.Summary![0].Metrics["goodputBps"];
        Assert.Equal(0.75, goodput.Coverage, 1e-15);
        Assert.Equal(1, goodput.Rank);
        Assert.Equal(Model.Statistics.IntervalMethod.OrderStatistic, goodput.IntervalMethod);
        Assert.Equal((9e9, 9.4e9), (goodput.Lower, goodput.Upper));
        Assert.Equal("range of 3, covers the median 75 %", goodput.DescribeInterval());
        Assert.All(loaded.Summary.SelectMany(g => g.Metrics.Values), m => Assert.Equal(0.75, m.Coverage, 1e-15));
    }

    [Fact]
    public void A_current_summary_is_read_as_written()
    {
        var cells = Enumerable.Range(1, 6).Select(i => SampleResults.Stream("native", i, 9e9 + i * 1e7)).ToArray();
        var document = SampleResults.Document(cells);
        ResultsWriter.WriteAtomic(document, _path);

        var loaded = ResultsReader.Load(_path);

        Assert.False(ResultsSummarizer.IsOutdated(loaded.Summary!));
        Assert.Equal(0.96875, loaded.Summary![0].Metrics["goodputBps"].Coverage, 1e-15);
        Assert.Equal(0.95, loaded.Summary![0].Metrics["goodputBps"].Level);
    }

    [Fact]
    public void Every_interval_of_a_run_written_with_95_percent_on_ranges_of_three_states_its_true_coverage_when_read()
    {
        // Given the 2026-11-26 default run, written with "coverage": 0.95 on ranges of 3
        var path = RepositoryPaths.DefaultRun20261126;

        // When
        var loaded = ResultsReader.Load(path);

        // Then every summary metric's coverage is the exact coverage of its order-statistic interval
        var metrics = loaded.Summary!.SelectMany(g => g.Metrics.Values).ToList();
        Assert.NotEmpty(metrics);
        Assert.All(metrics, m =>
        {
            Assert.Equal(Model.Statistics.IntervalMethod.OrderStatistic, m.IntervalMethod);
            Assert.Equal(Model.Statistics.MedianInterval.Coverage(m.N, m.Rank), m.Coverage, 1e-12);
            if (m.N < 6)
                Assert.NotEqual(0.95, m.Coverage);
        });
    }

    private PerfSuiteException Refused()
    {
        var e = Assert.Throws<PerfSuiteException>(() => ResultsReader.Load(_path));
        Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
        return e;
    }
}
