using PerfSuite.Cli.Commands;
using PerfSuite.Model.Results;

namespace PerfSuite.EndToEnd.Tests;

/// <summary>The table <c>perfsuite run</c> prints at the end, on the committed baseline (no lab needed).</summary>
public sealed class RunSummaryTests
{
    [Fact]
    public void The_run_summary_states_the_true_coverage_of_a_range_of_three_and_never_95_percent()
    {
        // Given the committed default run (three repetitions per cell, written with "coverage": 0.95)
        var document = ResultsReader.Load(Path.Combine(RepositoryPaths.Root, "results", "baselines", "lab-default.json"));

        // When
        var output = new StringWriter();
        new RunSummaryWriter(output).Write(document, "results/baselines/lab-default.json", reportFollows: true);
        var text = output.ToString();

        // Then every goodput interval carries 75 %, the table says what the interval is, and nothing claims 95 %
        Assert.Contains("Gbit/s [interval] coverage", text);
        Assert.Contains("native           kernel     1500 13.5 [12.6, 14.4] 75 %", text);
        Assert.Contains("interval: range of 3, covers the median 75 %", text);
        Assert.DoesNotContain("95 %", text);
        Assert.DoesNotContain("95%", text);
    }
}
