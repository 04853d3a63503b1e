using PerfSuite.EndToEnd.Tests.Support;
using PerfSuite.Model.Results;
using PerfSuite.Report.Gate;

namespace PerfSuite.EndToEnd.Tests.Gate;

/// <summary>The gate on two real lab runs of the same configuration, not synthetic samples.</summary>
[Collection(Lab.LabCollection.Name)]
public sealed class GateOnRealRunsTests
{
    [Fact]
    public async Task Two_real_runs_with_three_repetitions_are_matched_cell_by_cell_and_called_inconclusive_at_alpha_001()
    {
        // Given two runs of the same matrix on this machine, three repetitions each
        Requires.Root("the lab");
        var lab = "g" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 2));
        var directory = Path.Combine(Path.GetTempPath(), $"perfsuite-gate-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var baseline = Path.Combine(directory, "baseline.json");
        var current = Path.Combine(directory, "current.json");
        var junit = Path.Combine(directory, "gate.xml");
        try
        {
            foreach (var output in new[] { baseline, current })
            {
                var run = await CliHost.RunAsync("run", "--paths", "native", "--mtu", "1500", "--tests", "tcp-rr",
                    "--reps", "3", "--duration", "1s", "--warmup", "0.2s", "--name", lab, "--out", output);
                Assert.True(run.ExitCode == 0, run.Stderr + run.Stdout);
            }

            // When
            var gate = await CliHost.RunAsync("gate", "--baseline", baseline, "--current", current, "--alpha", "0.01", "--junit", junit);

            // Then: 3 against 3 can never reach p < 0.01 (the smallest reachable p is 0.10), so the gate must say
            // inconclusive, name the repetitions it needs, and find the environments alike
            Assert.Equal(3, gate.ExitCode);
            var report = RegressionGate.Evaluate(ResultsReader.Load(baseline), ResultsReader.Load(current), new GateOptions(GateMetric.Defaults));
            Assert.Empty(report.EnvironmentDifferences);
            Assert.NotEmpty(report.Comparisons);
            Assert.All(report.Comparisons, c => Assert.Equal("native", c.Cell.Path));
            Assert.Contains(report.Comparisons, c => c.RepetitionsNeeded >= 5);
            Assert.Contains("Environment: same", gate.Stdout);
            Assert.Contains("<testcase", File.ReadAllText(junit));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
