using System.CommandLine;
using PerfSuite.Model.Errors;
using PerfSuite.Model.Results;
using PerfSuite.Model.Units;
using PerfSuite.Report.Gate;

namespace PerfSuite.Cli.Commands;

/// <summary><c>perfsuite gate</c>: the CI regression gate (issues 6 and 14, docs/methodology.md). Exit 0 pass
/// (warnings included), 1 regression (measured or structural), 2 bad input, 3 inconclusive.</summary>
internal static class GateCommand
{
    private static readonly Option<string[]> BaselineOption = new("--baseline")
    {
        Description = "Results file of a reference run (perfsuite/results@1); repeatable: with two or more the gate " +
            "judges the current run against their run-to-run spread",
        Required = true,
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<string> CurrentOption = new("--current")
    {
        Description = "Results file of the run under test",
        Required = true,
    };

    private static readonly Option<string?> ThresholdOption = new("--threshold")
    {
        Description = "Tolerated change in the bad direction for every gated metric, e.g. 5% " +
            "(defaults: goodputBps 5%, coreSecondsPerGbit 10%, latencyUs.p99 10%, transactionsPerSecond 5%)",
    };

    private static readonly Option<double> AlphaOption = new("--alpha")
    {
        Description = "Error rate: false-discovery rate of regressions across all cells x metrics (Benjamini-Hochberg), " +
            "and the chance of passing a change beyond the threshold; intervals are at 1 - 2*alpha",
        DefaultValueFactory = _ => 0.01,
    };

    private static readonly Option<string[]> MetricOption = new("--metric")
    {
        Description = "NAME=THRESHOLD: gate this metric at this threshold (repeatable; e.g. latencyUs.p99_9=15%, udp.lossPercent=20%)",
        DefaultValueFactory = _ => [],
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<string?> JUnitOption = new("--junit")
    {
        Description = "Also write JUnit XML (one testcase per cell and metric) to this file",
    };

    private static readonly Option<string?> MarkdownOption = new("--markdown")
    {
        Description = "Also write a Markdown summary (for $GITHUB_STEP_SUMMARY) to this file",
    };

    private static readonly Option<bool> RequireSameEnvOption = new("--require-same-env")
    {
        Description = "Fail when kernel, CPU, drivers, firmware, offloads, sysctls or MTUs differ",
    };

    public static Command Create(TextWriter stdout)
    {
        var command = new Command("gate", "Compare a run with one or more baseline runs: pass only what is shown within the threshold, fail what is shown beyond it")
        {
            BaselineOption, CurrentOption, ThresholdOption, AlphaOption, MetricOption, JUnitOption, MarkdownOption, RequireSameEnvOption,
        };
        command.SetAction(parse =>
        {
            var alpha = parse.GetValue(AlphaOption);
            if (!(alpha > 0 && alpha < 0.5))
                throw new UsageException($"--alpha must be between 0 and 0.5, not {alpha}");
            double? threshold = parse.GetValue(ThresholdOption) is { } text ? Threshold("--threshold", text) : null;
            var overrides = parse.GetValue(MetricOption)!.Select(ParseMetric).ToList();
            var options = new GateOptions(GateMetric.Resolve(threshold, overrides), alpha, parse.GetValue(RequireSameEnvOption));
            return new GateRun(stdout, Environment.GetEnvironmentVariable).Execute(
                parse.GetValue(BaselineOption)!, parse.GetValue(CurrentOption)!, options,
                parse.GetValue(JUnitOption), parse.GetValue(MarkdownOption));
        });
        return command;
    }

    private static GateMetric ParseMetric(string text)
    {
        var equals = text.IndexOf('=');
        if (equals <= 0)
            throw new UsageException($"--metric '{text}' is not NAME=THRESHOLD (example: latencyUs.p99=10%)");
        var name = text[..equals].Trim();
        if (!ResultMetrics.TryFind(name, out var metric))
            throw new UsageException($"--metric: unknown metric '{name}' (known: {string.Join(", ", ResultMetrics.All.Select(m => m.Name))})");
        return new GateMetric(metric, Threshold($"--metric {name}", text[(equals + 1)..]));
    }

    private static double Threshold(string option, string text)
    {
        double value;
        try
        {
            value = Quantities.ParsePercent(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"{option}: {e.Message}");
        }
        if (value <= 0)
            throw new UsageException($"{option}: the threshold must be above 0%, not '{text}'");
        return value;
    }
}

/// <summary>Runs the gate on two results files and writes every requested output; returns the exit code.</summary>
internal sealed class GateRun(TextWriter output, Func<string, string?> environment)
{
    public int Execute(IReadOnlyList<string> baselinePaths, string currentPath, GateOptions options, string? junitPath, string? markdownPath)
    {
        var baselines = baselinePaths.Select(ResultsReader.Load).ToList();
        var current = ResultsReader.Load(currentPath);
        var report = RegressionGate.Evaluate(baselines, current, options);

        new GateConsoleWriter(output).Write(report);
        if (junitPath is not null)
            WriteFile(junitPath, "JUnit XML", path =>
            {
                using var stream = File.Create(path);
                new GateJUnitWriter(stream).Write(report);
            });
        if (markdownPath is not null)
            WriteFile(markdownPath, "Markdown", path =>
            {
                using var writer = new StreamWriter(path);
                new GateMarkdownWriter(writer).Write(report);
            });
        if (string.Equals(environment("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase))
            new GitHubAnnotationWriter(output).Write(report);

        return report.Verdict switch
        {
            GateVerdict.Fail => ExitCodes.CheckFailed,
            GateVerdict.Inconclusive => ExitCodes.Inconclusive,
            _ => ExitCodes.Success,
        };
    }

    private static void WriteFile(string path, string what, Action<string> write)
    {
        if (path.Length == 0)
            throw new UsageException($"the {what} file name is empty");
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
                Directory.CreateDirectory(directory);
            write(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new PerfSuiteException(ErrorReason.Io, $"cannot write {what} to {path}: {e.Message}");
        }
    }
}
