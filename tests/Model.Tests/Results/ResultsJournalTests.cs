using System.Text;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;

namespace PerfSuite.Model.Tests.Results;

public sealed class ResultsJournalTests : IDisposable
{
    private readonly string _resultsPath = SampleResults.TempPath("run.json");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_resultsPath)!, recursive: true);

    [Fact]
    public void Each_cell_is_on_disk_as_one_line_when_append_returns()
    {
        // Given a started journal
        using var journal = Start();

        // When two cells are appended
        journal.Append(SampleResults.Stream("native", 1, 9.2e9));
        journal.Append(SampleResults.Stream("vxlan", 1, 8.1e9));

        // Then another reader sees the header and both cells, one per line, while the run is still going
        var lines = ReadShared(journal.JournalPath).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"schema\":\"perfsuite/results-journal@1\"", lines[0]);
        Assert.Contains("\"path\":\"native\"", lines[1]);
        Assert.Contains("\"path\":\"vxlan\"", lines[2]);
        Assert.Equal(_resultsPath + ".journal", journal.JournalPath);
        Assert.False(File.Exists(_resultsPath));
    }

    [Fact]
    public void Finish_writes_the_results_and_removes_the_journal()
    {
        // Given a journal with three repetitions
        using var journal = Start();
        foreach (var (rep, bps) in new[] { (1, 9.0e9), (2, 9.2e9), (3, 9.1e9) })
            journal.Append(SampleResults.Stream("native", rep, bps));

        // When
        var written = journal.Finish(DateTimeOffset.Parse("2025-01-02T03:05:00Z"));

        // Then the file is a complete results document with a summary, and the journal is gone
        Assert.False(File.Exists(journal.JournalPath));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_resultsPath)!, "*.tmp-*"));
        var loaded = ResultsReader.Load(_resultsPath);
        Assert.Equal("run-42", loaded.RunId);
        Assert.False(loaded.Interrupted);
        Assert.Equal(3, loaded.Cells.Count);
        Assert.Equal(9.1e9, loaded.Summary![0].Metrics["goodputBps"].Median);
        Assert.Equal(written.Summary![0].Metrics["goodputBps"], loaded.Summary[0].Metrics["goodputBps"]);
        Assert.Throws<InvalidOperationException>(() => journal.Append(SampleResults.Stream("native", 4, 9e9)));
    }

    [Fact]
    public void A_crashed_run_is_recovered_from_its_journal()
    {
        // Given a run that appended two cells and died without finishing
        string journalPath;
        using (var journal = Start())
        {
            journal.Append(SampleResults.Stream("native", 1, 9.2e9));
            journal.Append(SampleResults.Stream("native", 2, 0, status: CellStatus.Failed));
            journalPath = journal.JournalPath;
        }

        // When
        var recovered = ResultsJournal.Recover(journalPath);

        // Then the document is valid, holds both cells, says it was interrupted, and can be written and read back
        Assert.True(recovered.Interrupted);
        Assert.Equal("run-42", recovered.RunId);
        Assert.Equal(["run", "--reps", "3"], recovered.CommandLine);
        Assert.Equal(2, recovered.Cells.Count);
        Assert.Equal(1, recovered.Summary![0].Ok);
        Assert.Equal(1, recovered.Summary[0].Failed);
        ResultsWriter.WriteAtomic(recovered, _resultsPath);
        Assert.Equal(2, ResultsReader.Load(_resultsPath).Cells.Count);
    }

    [Fact]
    public void A_line_torn_by_the_crash_is_dropped()
    {
        // Given a journal whose last write was cut off mid-line
        string journalPath;
        using (var journal = Start())
        {
            journal.Append(SampleResults.Stream("native", 1, 9.2e9));
            journalPath = journal.JournalPath;
        }
        File.AppendAllText(journalPath, "{\"path\":\"vxlan\",\"impl\":\"ker");

        // When
        var recovered = ResultsJournal.Recover(journalPath);

        // Then only the complete cell is kept
        Assert.Single(recovered.Cells);
    }

    [Fact]
    public void A_damaged_line_before_the_end_is_reported_with_its_number()
    {
        string journalPath;
        using (var journal = Start())
        {
            journal.Append(SampleResults.Stream("native", 1, 9.2e9));
            journalPath = journal.JournalPath;
        }
        File.AppendAllText(journalPath, "not json\n");
        File.AppendAllText(journalPath, File.ReadAllLines(journalPath)[1] + "\n");

        var e = Assert.Throws<PerfSuiteException>(() => ResultsJournal.Recover(journalPath));

        Assert.Equal(ErrorReason.InvalidArgument, e.Reason);
        Assert.Contains("line 3 is not a cell", e.Message);
    }

    [Fact]
    public void A_journal_left_by_an_interrupted_run_is_not_overwritten()
    {
        // Given a journal that was never finished
        using (var journal = Start())
            journal.Append(SampleResults.Stream("native", 1, 9.2e9));

        // When a new run wants the same results path
        var e = Assert.Throws<PerfSuiteException>(Start);

        // Then it is refused and the old cells survive
        Assert.Equal(ErrorReason.Busy, e.Reason);
        Assert.Contains("interrupted run", e.Message);
        Assert.Single(ResultsJournal.Recover(ResultsJournal.JournalPathFor(_resultsPath)).Cells);
    }

    [Fact]
    public void A_file_that_is_not_a_journal_is_refused()
    {
        var path = ResultsJournal.JournalPathFor(_resultsPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{\"schema\":\"perfsuite/probe@1\"}\n");

        var e = Assert.Throws<PerfSuiteException>(() => ResultsJournal.Recover(path));

        Assert.Contains("line 1 is not a results journal header", e.Message);
    }

    private ResultsJournal Start() =>
        ResultsJournal.Start(_resultsPath, "run-42", DateTimeOffset.Parse("2025-01-02T03:00:00Z"), ["run", "--reps", "3"],
            SampleResults.Environment());

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
