using PerfSuite.Cli;
using PerfSuite.EndToEnd.Tests.Support;
using PerfSuite.Model.Results;

namespace PerfSuite.EndToEnd.Tests.Report;

/// <summary><c>perfsuite report</c> on results files written by the test.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"ps-report-e2e-{Guid.NewGuid():N}");

    public ReportCommandTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Report_writes_the_pages_and_figures_and_says_where()
    {
        // Given the results of a lab run
        var results = Path.Combine(_directory, "lab.json");
        ResultsWriter.WriteAtomic(SampleRun.Lab(), results);
        var folder = Path.Combine(_directory, "out");

        // When
        var (code, stdout, stderr) = await CliHost.RunAsync("report", results, "--out", folder);

        // Then
        Assert.Equal(ExitCodes.Success, code);
        Assert.Empty(stderr);
        Assert.Contains($"report:   {Path.Combine(folder, "index.html")}", stdout, StringComparison.Ordinal);
        Assert.Contains($"markdown: {Path.Combine(folder, "report.md")}", stdout, StringComparison.Ordinal);
        Assert.Contains("figures:  9 (PNG and SVG)", stdout, StringComparison.Ordinal);
        Assert.Contains("flag:     problem: Failed repetitions — in 1 of", stdout, StringComparison.Ordinal);
        Assert.Contains("flag:     Skipped — in 1 of", stdout, StringComparison.Ordinal);
        Assert.Equal(18, Directory.GetFiles(Path.Combine(folder, "figures")).Length);
        Assert.Contains("<td>results</td><td>lab.json</td>", File.ReadAllText(Path.Combine(folder, "index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_existing_report_folder_needs_force()
    {
        var results = Path.Combine(_directory, "lab.json");
        ResultsWriter.WriteAtomic(SampleRun.Lab(), results);
        var folder = Path.Combine(_directory, "out");
        Assert.Equal(ExitCodes.Success, (await CliHost.RunAsync("report", results, "--out", folder)).ExitCode);

        var again = await CliHost.RunAsync("report", results, "--out", folder);
        var forced = await CliHost.RunAsync("report", results, "--out", folder, "--force");

        Assert.Equal(ExitCodes.BadInput, again.ExitCode);
        Assert.Equal($"perfsuite: report folder {folder} already exists; pass --force to overwrite it\n", again.Stderr.ReplaceLineEndings("\n"));
        Assert.Equal(ExitCodes.Success, forced.ExitCode);
    }

    [Fact]
    public async Task A_missing_file_is_bad_input_in_one_line()
    {
        var missing = Path.Combine(_directory, "nope.json");

        var (code, stdout, stderr) = await CliHost.RunAsync("report", missing, "--out", Path.Combine(_directory, "out"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Empty(stdout);
        Assert.Equal($"perfsuite: results file {missing} does not exist\n", stderr.ReplaceLineEndings("\n"));
        Assert.False(Directory.Exists(Path.Combine(_directory, "out")));
    }

    [Theory]
    [InlineData("{\"schema\": \"perfsuite/results@1\",\n", "is not valid JSON: ", "(line 2, column 1)")]
    [InlineData("{\"schema\": \"perfsuite/results@2\"}", "has schema perfsuite/results@2; this PerfSuite reads perfsuite/results@1", "")]
    [InlineData("", "is empty", "")]
    [InlineData("{\"schema\": \"perfsuite/probe@1\"}", "is a 'perfsuite/probe@1' document, not results", "")]
    public async Task Unusable_results_are_bad_input_in_one_line(string content, string reason, string position)
    {
        var path = Path.Combine(_directory, "bad.json");
        await File.WriteAllTextAsync(path, content, TestContext.Current.CancellationToken);

        var (code, _, stderr) = await CliHost.RunAsync("report", path, "--out", Path.Combine(_directory, "out"));

        Assert.Equal(ExitCodes.BadInput, code);
        var line = Assert.Single(stderr.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'));
        Assert.StartsWith("perfsuite: ", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.EndsWith(position, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_without_cells_are_bad_input()
    {
        var path = Path.Combine(_directory, "empty.json");
        ResultsWriter.WriteAtomic(SampleRun.Lab() with { Cells = [], Summary = [] }, path);

        var (code, _, stderr) = await CliHost.RunAsync("report", path, "--out", Path.Combine(_directory, "out"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal($"perfsuite: results file {path} holds no cells\n", stderr.ReplaceLineEndings("\n"));
    }
}
