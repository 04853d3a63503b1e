using System.Globalization;
using PerfSuite.Model.Results;
using PerfSuite.Model.Statistics;
using PerfSuite.Model.Units;

namespace PerfSuite.Report.Gate;

/// <summary>How the gate's writers show numbers and verdicts, so the console, Markdown, JUnit and GitHub
/// outputs say the same thing the same way.</summary>
internal static class GateFormatting
{
    public static string Kind(StructuralKind kind) => kind switch
    {
        StructuralKind.Interrupted => "interrupted run",
        StructuralKind.Missing => "missing cell group",
        StructuralKind.KernelToUserspace => "kernel → userspace",
        StructuralKind.NewFailures => "new failures",
        _ => "skipped",
    };

    public static string Verdict(GateVerdict verdict) => verdict switch
    {
        GateVerdict.Pass => "pass",
        GateVerdict.Warn => "warn",
        GateVerdict.Fail => "fail",
        _ => "inconclusive",
    };

    public static string Value(ResultMetric metric, double? value)
    {
        if (value is not { } v)
            return "—";
        return metric.Unit == "bit/s"
            ? Quantities.FormatBitRate(v)
            : string.Create(CultureInfo.InvariantCulture, $"{v:G4} {metric.Unit}");
    }

    public static string Change(MetricComparison c) =>
        c.Ratio is { } r ? RegressionGate.SignedPercent(r.Estimate - 1) : "—";

    /// <summary>The interval with its true coverage: "−7.1 % … −4.9 % (98 %)"; a 3-against-3 interval says 90 %.</summary>
    public static string Interval(MetricComparison c) =>
        c.Ratio is { } r
            ? $"{RegressionGate.SignedPercent(r.Lower - 1)} … {RegressionGate.SignedPercent(r.Upper - 1)} ({CoverageText.Percent(r.Coverage)})"
            : "—";

    /// <summary>The one-sided p-value for a regression, adjusted across the run (Benjamini–Hochberg).</summary>
    public static string PValue(MetricComparison c) =>
        c.AdjustedPValue is { } p ? p.ToString("G2", CultureInfo.InvariantCulture).ToLowerInvariant() : "—";

    public static string Repetitions(MetricComparison c) =>
        c.BaselineRuns > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{c.BaselineRuns} runs/{c.CurrentN}")
            : string.Create(CultureInfo.InvariantCulture, $"{c.BaselineN}/{c.CurrentN}");

    public static string Cv(MetricComparison c) =>
        $"{(c.BaselineCv is { } a ? RegressionGate.Percent(a) : "—")} / {(c.CurrentCv is { } b ? RegressionGate.Percent(b) : "—")}";

    /// <summary>"RUN (HOST, kernel K, TIME UTC)"; a fleet run's names its hosts and their kernels, not its runner.</summary>
    public static string Run(ResultsDocument document)
    {
        var environment = document.Environment;
        var where = environment.Hosts is { Count: > 0 } hosts
            ? string.Create(CultureInfo.InvariantCulture,
                $"fleet of {hosts.Count} hosts: {string.Join(", ", hosts.Select(h => h.Name))}, kernel {string.Join(", ", hosts.Select(h => h.Environment.Kernel).Distinct(StringComparer.Ordinal))}")
            : $"{environment.Hostname}, kernel {environment.Kernel}";
        return string.Create(CultureInfo.InvariantCulture, $"{document.RunId} ({where}, {document.StartedUtc:yyyy-MM-dd HH:mm} UTC)");
    }

    public static string Headline(GateReport report)
    {
        var counts = string.Join(", ", Enum.GetValues<GateVerdict>()
            .Select(v => (v, n: report.Comparisons.Count(c => c.Verdict == v)))
            .Where(x => x.n > 0)
            .Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.n} {Verdict(x.v)}")));
        var environment = report.FailedOnEnvironment ? "; the environments differ and --require-same-env is set" : "";
        var structural = report.Structural.Count > 0
            ? string.Create(CultureInfo.InvariantCulture, $"; {report.Structural.Count} structural regression(s)")
            : "";
        return $"PerfSuite gate: {Verdict(report.Verdict).ToUpperInvariant()} ({(counts.Length > 0 ? counts : "no comparison")}{structural}{environment})";
    }

    /// <summary>The baseline runs, one per line.</summary>
    public static IEnumerable<string> Baselines(GateReport report) =>
        report.Baselines.Select(b => $"baseline {Run(b)}");

    public static string Settings(GateReport report)
    {
        var alpha = report.Options.Alpha;
        var model = report.Model == ChangeModel.RunToRun
            ? string.Create(CultureInfo.InvariantCulture, $"run-to-run against {report.Baselines.Count} baseline runs")
            : "within-run against one baseline run (drift between runs is not modelled; give several --baseline runs)";
        return string.Create(CultureInfo.InvariantCulture,
                $"{model}; α = {RegressionGate.Format(alpha)}: regressions significant at a false-discovery rate of α across all cells × metrics " +
                $"(Benjamini–Hochberg), intervals at {CoverageText.Percent(1 - 2 * alpha)} (each end a one-sided {CoverageText.Percent(1 - alpha)} bound) unless fewer repetitions allow less; thresholds: ")
            + string.Join(", ", report.Options.Metrics.Select(m => $"{m.Metric.Name} {RegressionGate.Percent(m.Threshold, 0)}"));
    }
}
