namespace PerfSuite.Report.Gate;

/// <summary>GitHub Actions workflow commands (<c>::error</c>, <c>::warning</c>) so that regressions show up as
/// annotations on the run and the pull request. Written only when <c>GITHUB_ACTIONS=true</c>.</summary>
public sealed class GitHubAnnotationWriter(TextWriter output)
{
    public const string Title = "PerfSuite gate";

    public void Write(GateReport report)
    {
        foreach (var d in report.EnvironmentDifferences)
            Annotate(report.FailedOnEnvironment ? "error" : "warning", $"environment differs: {d}");
        foreach (var s in report.Structural)
            Annotate("error", $"{GateFormatting.Kind(s.Kind)}: {s}");
        foreach (var c in report.Comparisons)
        {
            var level = c.Verdict switch
            {
                GateVerdict.Fail => "error",
                GateVerdict.Warn or GateVerdict.Inconclusive => "warning",
                _ => null,
            };
            if (level is not null)
                Annotate(level, $"{GateFormatting.Verdict(c.Verdict)}: {c.Cell} {c.Metric.Name}: {c.Explanation}");
        }
    }

    private void Annotate(string level, string message) =>
        output.WriteLine($"::{level} title={EscapeProperty(Title)}::{EscapeData(message)}");

    // GitHub's workflow-command encoding (actions/toolkit, command.ts): data escapes %, CR and LF; property
    // values also ':' and ','. An unescaped '%' followed by two hex digits would be decoded.
    private static string EscapeData(string text) =>
        text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    private static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A").Replace(",", "%2C");
}
