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
        Requires.Root("the lab");
        var lab = "r" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 2));
        var output = Path.Combine(Path.GetTempPath(), $"perfsuite-run-{Guid.NewGuid():N}.json");
        try
        {
            // When
            var result = await CliHost.RunAsync("run", "--paths", "native,same-node", "--mtu", "1500", "--tests", "tcp-stream,tcp-rr",
                "--reps", "2", "--duration", "1s", "--warmup", "0.2s", "--name", lab, "--out", output, "--label", "e2e", "--cpus", "none");

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
            // And every cell says where its agents ran and how completely its CPU categories covered the window
            Assert.All(document.Cells, c =>
            {
                Assert.Equal(CpuPlacement.None, c.Placement!.Policy);
                var cpu = c.Metrics!.CpuAccounting!;
                Assert.Equal(c.Metrics.CpuByCategory!.Accounted / cpu.CpuCount, cpu.AccountedFraction, 9);
                Assert.Equal(document.Environment.IdleCpu!.Busy, cpu.IdleBaselineBusyCores!.Value, 9);
            });
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
    [InlineData("--cpus", "sender=0")]
    [InlineData("--cpus", "sender=0,receiver=1023")]
    [InlineData("--precision", "0%")]
    [InlineData("--max-reps", "5")]
    [InlineData("--max-time", "0s")]
    [InlineData("--confidence", "90%")]
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

    [Theory]
    [InlineData(new string[0], 240.0)]
    [InlineData(new[] { "--max-time", "10m" }, 600.0)]
    [InlineData(new[] { "--paths", "native" }, null)]
    [InlineData(new[] { "--reps", "5" }, null)]
    [InlineData(new[] { "--precision", "5%" }, null)]
    public void The_default_run_spends_a_four_minute_budget_and_max_time_alone_sets_one(string[] args, double? budgetSeconds)
    {
        // Given a command line of `perfsuite run`
        var root = Cli.PerfSuiteApp.BuildRoot(TextWriter.Null, TextWriter.Null);
        var parse = root.Parse(["run", .. args, "--out", Path.Combine(Path.GetTempPath(), $"never-{Guid.NewGuid():N}.json")]);

        // When its spec is read
        var precision = Cli.Commands.RunCommand.ParseLabSpec(parse).Precision;

        // Then only the default matrix (or --max-time alone) spends a time budget on the widest cells
        Assert.Equal(budgetSeconds, precision is { SpendsBudget: true } ? precision.MaxTime!.Value.TotalSeconds : null);
        if (args.Contains("--precision"))
            Assert.Equal(0.05, precision!.HalfWidth);
    }

    [Fact]
    public async Task Precision_repeats_each_cell_until_its_interval_can_cover_the_median_at_the_level_asked()
    {
        // Given a ±50 % target at 95 %: no order-statistic interval reaches 95 % below 6 repetitions, and a range of 6
        // that is 100 % wide is unheard of even on this machine, so each cell takes 6 repetitions, 7 at most (--max-reps)
        Requires.Root("the lab");
        var lab = "q" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 2));
        var output = Path.Combine(Path.GetTempPath(), $"perfsuite-prec-{Guid.NewGuid():N}.json");
        try
        {
            // When
            var result = await CliHost.RunAsync("run", "--paths", "native", "--mtu", "1500", "--tests", "tcp-rr", "--reps", "2",
                "--duration", "1s", "--warmup", "0.2s", "--precision", "50%", "--max-reps", "7", "--name", lab, "--out", output);

            // Then
            Assert.True(result.ExitCode == 0, result.Stderr + result.Stdout);
            var document = ResultsReader.Load(output);
            Assert.True(document.Cells.Count is >= 6 and <= 7, result.Stdout);
            Assert.Equal(Enumerable.Range(1, document.Cells.Count), document.Cells.Select(c => c.Rep));
            Assert.Contains("precision ±50 % at 95 % coverage: ", result.Stdout);
            Assert.DoesNotContain(NetworkNamespace.List(), n => n.StartsWith($"ps-{lab}-", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>Agent processes whose command line names a namespace of this lab.</summary>
    private static List<int> AgentsOf(string lab) =>
        ProcessTable.Where(arguments => arguments.Contains("agent") && arguments.Any(a => a.Contains($"ps-{lab}-", StringComparison.Ordinal)))
            .Select(p => p.Pid).ToList();
}
