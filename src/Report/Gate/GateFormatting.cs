using System.Globalization;
using PerfSuite.Model.Results;
using PerfSuite.Model.Units;

namespace PerfSuite.Report.Gate;

/// <summary>How the gate's writers show numbers and verdicts, so the console, Markdown, JUnit and GitHub
/// outputs say the same thing the same way.</summary>
internal static class GateFormatting
{
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

    public static string Interval(MetricComparison c) =>
        c.Ratio is { } r ? $"{RegressionGate.SignedPercent(r.Lower - 1)} … {RegressionGate.SignedPercent(r.Upper - 1)}" : "—";

    public static string PValue(MetricComparison c) =>
        c.Test is { } t ? t.PValue.ToString("G2", CultureInfo.InvariantCulture).ToLowerInvariant() : "—";

    public static string Repetitions(MetricComparison c) =>
        string.Create(CultureInfo.InvariantCulture, $"{c.BaselineN}/{c.CurrentN}");

    public static string Cv(MetricComparison c) =>
        $"{(c.BaselineCv is { } a ? RegressionGate.Percent(a) : "—")} / {(c.CurrentCv is { } b ? RegressionGate.Percent(b) : "—")}";

    public static string Run(ResultsDocument document) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{document.RunId} ({document.Environment.Hostname}, kernel {document.Environment.Kernel}, {document.StartedUtc:yyyy-MM-dd HH:mm} UTC)");

    public static string Headline(GateReport report)
    {
        var counts = string.Join(", ", Enum.GetValues<GateVerdict>()
            .Select(v => (v, n: report.Comparisons.Count(c => c.Verdict == v)))
            .Where(x => x.n > 0)
            .Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.n} {Verdict(x.v)}")));
        var environment = report.FailedOnEnvironment ? "; the environments differ and --require-same-env is set" : "";
        return $"PerfSuite gate: {Verdict(report.Verdict).ToUpperInvariant()} ({counts}{environment})";
    }

    public static string Settings(GateReport report) =>
        string.Create(CultureInfo.InvariantCulture,
            $"α = {RegressionGate.Format(report.Options.Alpha)}, ratio intervals at {RegressionGate.Percent(1 - report.Options.Alpha)}, thresholds: ")
        + string.Join(", ", report.Options.Metrics.Select(m => $"{m.Metric.Name} {RegressionGate.Percent(m.Threshold, 0)}"));
}
