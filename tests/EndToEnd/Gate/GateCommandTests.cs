using System.Xml.Linq;
using PerfSuite.Cli;
using PerfSuite.EndToEnd.Tests.Support;
using PerfSuite.Model.Datapaths;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;

namespace PerfSuite.EndToEnd.Tests.Gate;

/// <summary><c>perfsuite gate</c> on results files written by the test. One class, so that the tests that set
/// GITHUB_ACTIONS run one after another.</summary>
public sealed class GateCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"ps-gate-{Guid.NewGuid():N}");
    private readonly string? _githubActions = Environment.GetEnvironmentVariable("GITHUB_ACTIONS");

    public GateCommandTests()
    {
        Directory.CreateDirectory(_directory);
        Environment.SetEnvironmentVariable("GITHUB_ACTIONS", null);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("GITHUB_ACTIONS", _githubActions);
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Equal_runs_pass_with_exit_zero_and_write_junit_and_markdown()
    {
        // Given two runs of 10 repetitions from the same distribution
        var baseline = Write("a.json", Run("a", ("native", 10, 9.4e9, 0.01, 1), ("vxlan", 10, 9.0e9, 0.015, 2)));
        var current = Write("b.json", Run("b", ("native", 10, 9.4e9, 0.01, 3), ("vxlan", 10, 9.0e9, 0.015, 4)));
        var junit = Path.Combine(_directory, "out", "gate.xml");
        var markdown = Path.Combine(_directory, "out", "gate.md");

        // When
        var (code, stdout, stderr) = await CliHost.RunAsync("gate", "--baseline", baseline, "--current", current, "--junit", junit, "--markdown", markdown);

        // Then
        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("PerfSuite gate: PASS", stdout);
        Assert.Empty(stderr);
        Assert.Equal(5, XDocument.Load(junit).Descendants("testcase").Count());
        Assert.StartsWith("## ✅ PerfSuite gate: PASS", File.ReadAllText(markdown));
    }

    [Fact]
    public async Task A_ten_percent_drop_exits_one()
    {
        var baseline = Write("a.json", Run("a", ("vxlan", 10, 9.0e9, 0.02, 1)));
        var current = Write("b.json", Run("b", ("vxlan", 10, 8.1e9, 0.02, 2)));

        var (code, stdout, _) = await CliHost.RunAsync("gate", "--baseline", baseline, "--current", current);

        Assert.Equal(ExitCodes.CheckFailed, code);
        Assert.Contains("FAIL vxlan/kernel mtu 1500 default tcp-stream ×1 goodputBps: regressed", stdout);
    }

    [Fact]
    public async Task Three_repetitions_exit_three_and_say_how_many_are_needed()
    {
        var baseline = Write("a.json", Run("a", ("vxlan", 3, 9.0e9, 0.02, 1)));
        var current = Write("b.json", Run("b", ("vxlan", 3, 7.0e9, 0.02, 2)));

        var (code, stdout, _) = await CliHost.RunAsync("gate", "--baseline", baseline, "--current", current, "--alpha", "0.01");

        Assert.Equal(ExitCodes.Inconclusive, code);
        Assert.Contains("needs 5 a side", stdout);
        Assert.DoesNotContain("95 %", stdout);
    }

    [Fact]
    public async Task A_threshold_and_a_metric_override_change_the_verdict()
    {
        // Given a 10 % drop, which fails at the default 5 %
        var baseline = Write("a.json", Run("a", ("vxlan", 10, 9.0e9, 0.02, 1)));
        var current = Write("b.json", Run("b", ("vxlan", 10, 8.1e9, 0.02, 2)));

        // When goodput may drop 20 %
        var (code, stdout, _) = await CliHost.RunAsync("gate", "--baseline", baseline, "--current", current, "--threshold", "3%", "--metric", "goodput=20%");

        // Then it only warns, and the thresholds are shown
        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("PerfSuite gate: WARN", stdout);
        Assert.Contains("goodputBps 20 %, coreSecondsPerGbit 3 %", stdout);
    }

    [Fact]
    public async Task Require_same_env_fails_on_a_kernel_change()
    {
        var baseline = Write("a.json", Run("a", ("native", 10, 9.4e9, 0.01, 1)));
        var current = Write("b.json", Run("b", ("native", 10, 9.4e9, 0.01, 1)) with
        {
            Environment = Run("b").Environment with { Kernel = "6.19.0" },
        });

        var lenient = await CliHost.RunAsync("gate", "--baseline", baseline, "--current", current);
        var strict = await CliHost.RunAsync("gate", "--baseline", baseline, "--current", current, "--require-same-env");

        Assert.Equal(ExitCodes.Success, lenient.ExitCode);
        Assert.Contains("kernel: 6.18.0 → 6.19.0", lenient.Stdout);
        Assert.Equal(ExitCodes.CheckFailed, strict.ExitCode);
        Assert.Contains("fails the gate: --require-same-env", strict.Stdout);
    }

    [Fact]
    public async Task GitHub_annotations_appear_only_under_github_actions()
    {
        var baseline = Write("a.json", Run("a", ("vxlan", 10, 9.0e9, 0.02, 1)));
        var current = Write("b.json", Run("b", ("vxlan", 10, 8.1e9, 0.02, 2)));

        var plain = await CliHost.RunAsync("gate", "--baseline", baseline, "--current", current);
        Environment.SetEnvironmentVariable("GITHUB_ACTIONS", "true");
        var github = await CliHost.RunAsync("gate", "--baseline", baseline, "--current", current);

        Assert.DoesNotContain("::error", plain.Stdout);
        var annotation = Assert.Single(github.Stdout.Split('\n'), l => l.StartsWith("::error title=PerfSuite gate::", StringComparison.Ordinal));
        Assert.Contains("vxlan/kernel mtu 1500 default tcp-stream ×1 goodputBps", annotation);
        Assert.Equal(ExitCodes.CheckFailed, github.ExitCode);
    }

    [Fact]
    public async Task A_six_percent_drop_at_cv_1_5_percent_ten_against_ten_exits_one()
    {
        // Given issue 14's case: 10 vs 10 at CV 1.5 %, the current run 6 % lower, threshold 5 %
        var baseline = Write("a.json", Exact("a", 10, 9e9, 0.015));
        var current = Write("b.json", Exact("b", 10, 9e9 * 0.94, 0.015));

        var (code, stdout, _) = await CliHost.RunAsync("gate", "--baseline", baseline, "--current", current, "--threshold", "5%");

        Assert.Equal(ExitCodes.CheckFailed, code);
        Assert.Contains("FAIL vxlan/kernel mtu 1500 default tcp-stream ×1 goodputBps: regressed: goodputBps -6.0 %", stdout);
    }

    [Fact]
    public async Task The_same_distribution_exits_zero()
    {
        var baseline = Write("a.json", Exact("a", 10, 9e9, 0.015));
        var current = Write("b.json", Exact("b", 10, 9e9, 0.015));

        var (code, stdout, _) = await CliHost.RunAsync("gate", "--baseline", baseline, "--current", current, "--threshold", "5%");

        Assert.Equal(ExitCodes.Success, code);
        Assert.StartsWith("PerfSuite gate: PASS", stdout);
    }

    [Fact]
    public async Task Three_against_three_at_cv_15_percent_with_a_ten_percent_drop_does_not_exit_zero()
    {
        var baseline = Write("a.json", Exact("a", 3, 9e9, 0.15));
        var current = Write("b.json", Exact("b", 3, 9e9 * 0.90, 0.15));

        var (code, stdout, _) = await CliHost.RunAsync("gate", "--baseline", baseline, "--current", current, "--threshold", "5%");

        Assert.Equal(ExitCodes.Inconclusive, code);
        Assert.Contains("(90 %)", stdout); // the 3-against-3 interval states its true coverage
    }

    [Fact]
    public async Task A_path_that_fell_back_from_kernel_to_userspace_exits_one_and_says_which()
    {
        var baseline = Exact("a", 10, 9e9, 0.015);
        var current = Exact("b", 10, 9e9, 0.015);
        current = current with { Cells = current.Cells.Select(c => c with { Impl = DatapathImplementation.Userspace }).ToList() };

        var (code, stdout, _) = await CliHost.RunAsync("gate", "--baseline", Write("a.json", baseline), "--current", Write("b.json", current));

        Assert.Equal(ExitCodes.CheckFailed, code);
        Assert.Contains("kernel → userspace: vxlan/kernel mtu 1500 default tcp-stream ×1: vxlan ran in userspace in the current run", stdout);
    }

    [Theory]
    // Issue 14: four baselines spread ±6 %; a current run 5 % below their centre is not a fail (here 3), 30 % below is (1)
    [InlineData(0.95, ExitCodes.Inconclusive)]
    [InlineData(0.70, ExitCodes.CheckFailed)]
    public async Task Four_baselines_judge_the_current_run_against_their_run_to_run_spread(double factor, int expected)
    {
        double[] spread = [1.06, 1.02, 0.98, 0.94];
        var arguments = new List<string> { "gate" };
        for (var i = 0; i < spread.Length; i++)
            arguments.AddRange(["--baseline", Write($"a{i}.json", Exact($"a{i}", 5, 9e9 * spread[i], 0.015))]);
        arguments.AddRange(["--current", Write("b.json", Exact("b", 5, 9e9 * factor, 0.015)), "--threshold", "5%"]);

        var (code, stdout, _) = await CliHost.RunAsync([.. arguments]);

        Assert.Equal(expected, code);
        Assert.Contains("run-to-run against 4 baseline runs", stdout);
        Assert.Equal(4, stdout.Split('\n').Count(l => l.StartsWith("baseline a", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_missing_results_file_is_bad_input_in_one_line()
    {
        var current = Write("b.json", Run("b", ("vxlan", 5, 9.0e9, 0.02, 2)));
        var missing = Path.Combine(_directory, "nope.json");

        var (code, stdout, stderr) = await CliHost.RunAsync("gate", "--baseline", missing, "--current", current);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Empty(stdout);
        Assert.Equal($"perfsuite: results file {missing} does not exist", stderr.TrimEnd('\n'));
    }

    [Fact]
    public async Task A_file_that_is_not_json_is_reported_with_line_and_column()
    {
        var baseline = Path.Combine(_directory, "a.json");
        File.WriteAllText(baseline, "{\n  \"schema\": \"perfsuite/results@1\",\n  oops\n}");
        var current = Write("b.json", Run("b", ("vxlan", 5, 9.0e9, 0.02, 2)));

        var (code, _, stderr) = await CliHost.RunAsync("gate", "--baseline", baseline, "--current", current);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Matches(@"^perfsuite: .*a\.json is not valid JSON: .*\(line 3, column 3\)\n$", stderr);
    }

    [Theory]
    [InlineData("--threshold", "five", "--threshold: 'five' is not a percentage")]
    [InlineData("--threshold", "0%", "--threshold: the threshold must be above 0%")]
    [InlineData("--metric", "bogus=5%", "--metric: unknown metric 'bogus'")]
    [InlineData("--metric", "goodput", "--metric 'goodput' is not NAME=THRESHOLD")]
    [InlineData("--alpha", "1.5", "--alpha must be between 0 and 0.5")]
    public async Task Bad_options_are_refused_in_one_line(string option, string value, string message)
    {
        var baseline = Write("a.json", Run("a", ("vxlan", 5, 9.0e9, 0.02, 1)));
        var current = Write("b.json", Run("b", ("vxlan", 5, 9.0e9, 0.02, 2)));

        var (code, _, stderr) = await CliHost.RunAsync("gate", "--baseline", baseline, "--current", current, option, value);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith($"perfsuite: {message}", stderr);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_missing_required_option_is_bad_input()
    {
        var (code, _, stderr) = await CliHost.RunAsync("gate", "--baseline", "x.json");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--current", stderr);
    }

    private string Write(string name, ResultsDocument document)
    {
        var path = Path.Combine(_directory, name);
        ResultsWriter.WriteAtomic(document, path);
        return path;
    }

    /// <summary>A vxlan run with no sampling luck: the (i + ½)/reps quantiles of a log-normal with this median and CV.</summary>
    private static ResultsDocument Exact(string runId, int reps, double median, double cv) =>
        SyntheticRuns.Document(runId, SyntheticRuns.StreamCells("vxlan", SyntheticRuns.Quantiles(reps, median, cv), Enumerable.Repeat(0.5, reps).ToArray()));

    /// <summary>A run whose goodput per path is drawn from a log-normal with the given median and CV.</summary>
    private static ResultsDocument Run(string runId, params (string Path, int Reps, double Median, double Cv, ulong Seed)[] paths)
    {
        var cells = new List<CellResult>();
        foreach (var (path, reps, median, cv, seed) in paths)
        {
            var random = new SplitMix64(seed);
            var goodputs = new double[reps];
            for (var rep = 0; rep < reps; rep++)
            {
                var u1 = 1 - (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));
                var u2 = (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));
                goodputs[rep] = median * Math.Exp(cv * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
            }
            cells.AddRange(SyntheticRuns.StreamCells(path, goodputs, Enumerable.Range(1, reps).Select(rep => 0.5 * (1 + 0.003 * rep)).ToArray()));
        }
        return SyntheticRuns.Document(runId, cells);
    }
}
