using PerfSuite.EndToEnd.Tests.Support;
using PerfSuite.Kernel.Namespaces;
using PerfSuite.Model.Results;

namespace PerfSuite.EndToEnd.Tests;

[Collection(PerfSuite.EndToEnd.Tests.Lab.LabCollection.Name)]
public sealed class RunCommandTests
{
    [Fact]
    public async Task A_small_matrix_measures_every_cell_and_leaves_nothing_behind()
    {
        // Given root and a small matrix: two paths, two tests, two repetitions
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "needs root (the lab); CI runs as root");
        var lab = "r" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 2));
        var output = Path.Combine(Path.GetTempPath(), $"perfsuite-run-{Guid.NewGuid():N}.json");
        try
        {
            // When
            var result = await CliHost.RunAsync("run", "--paths", "native,same-node", "--mtu", "1500", "--tests", "tcp-stream,tcp-rr",
                "--reps", "2", "--duration", "1s", "--warmup", "0.2s", "--name", lab, "--out", output, "--label", "e2e");

            // Then every cell is in a results file the reader accepts, in interleaved order
            Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
            var document = ResultsReader.Load(output);
            Assert.Equal("perfsuite/results@1", document.Schema);
            Assert.NotNull(document.FinishedUtc);
            Assert.Equal(8, document.Cells.Count);
            Assert.All(document.Cells, c => Assert.Equal(CellStatus.Ok, c.Status));
            Assert.Equal(["native", "native", "same-node", "same-node", "native", "native", "same-node", "same-node"],
                document.Cells.Select(c => c.Path));
            Assert.Equal([1, 1, 1, 1, 2, 2, 2, 2], document.Cells.Select(c => c.Rep));
            Assert.All(document.Cells, c => Assert.Equal("e2e", c.Label));
            var streams = document.Cells.Where(c => c.Test == "tcp-stream").ToList();
            Assert.All(streams, c =>
            {
                Assert.True(c.Metrics!.GoodputBps > 0);
                Assert.NotNull(c.Metrics.CpuByCategory);
                Assert.True(c.Metrics.CoreSecondsPerGbit > 0);
                Assert.NotEmpty(c.Metrics.Timeline!);
                Assert.Equal(1500, c.ObservedPathMtu);
            });
            Assert.All(document.Cells.Where(c => c.Test == "tcp-rr"), c =>
            {
                Assert.True(c.Metrics!.TransactionsPerSecond > 0);
                Assert.True(c.Metrics.LatencyUs!.P99 >= c.Metrics.LatencyUs.P50);
            });
            Assert.False(string.IsNullOrEmpty(document.Environment.Kernel));
            Assert.NotNull(document.Environment.IdleCpu);
            Assert.Contains(document.Environment.Probe, p => p.Netns is null);
            Assert.Contains(document.Summary!, g => g.Path == "native" && g.Test == "tcp-stream" && g.Metrics["goodputBps"].N == 2);
            Assert.Contains("results: " + output, result.Stdout);
            Assert.False(File.Exists(ResultsJournal.JournalPathFor(output)));
            Assert.DoesNotContain(NetworkNamespace.List(), n => n.StartsWith($"ps-{lab}-", StringComparison.Ordinal));
            Assert.Empty(Directory.Exists("/proc") ? AgentsOf(lab) : []);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Theory]
    [InlineData("--paths", "calico")]
    [InlineData("--tests", "tcp-bogus")]
    [InlineData("--mtu", "0")]
    [InlineData("--mtu", "70000")]
    [InlineData("--duration", "0.5s")]
    [InlineData("--reps", "0")]
    [InlineData("--offloads", "turbo")]
    [InlineData("--out", "/proc/perfsuite.json")]
    [InlineData("--name", "Bad_Name")]
    public async Task Bad_input_exits_2_with_one_line_before_anything_is_built(string option, string value)
    {
        var before = NetworkNamespace.List();

        var result = await CliHost.RunAsync("run", option, value, "--paths", option == "--paths" ? value : "native");

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("perfsuite: ", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.Equal(before, NetworkNamespace.List());
    }

    /// <summary>Agent processes whose command line names a namespace of this lab.</summary>
    private static List<int> AgentsOf(string lab) =>
        ProcessTable.Where(arguments => arguments.Contains("agent") && arguments.Any(a => a.Contains($"ps-{lab}-", StringComparison.Ordinal)))
            .Select(p => p.Pid).ToList();
}
