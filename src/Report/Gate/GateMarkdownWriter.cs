using PerfSuite.Model.Results;

namespace PerfSuite.Report.Gate;

/// <summary>The gate's report as GitHub-flavoured Markdown, for a pull request comment or a CI step summary
/// (<c>$GITHUB_STEP_SUMMARY</c>).</summary>
public sealed class GateMarkdownWriter(TextWriter output)
{
    public void Write(GateReport report)
    {
        output.WriteLine($"## {Icon(report.Verdict)} {GateFormatting.Headline(report)}");
        output.WriteLine();
        foreach (var line in GateFormatting.Baselines(report))
            output.WriteLine($"- {Escape(line)}");
        output.WriteLine($"- current: {Escape(GateFormatting.Run(report.Current))}");
        output.WriteLine($"- {Escape(GateFormatting.Settings(report))}");
        output.WriteLine();

        output.WriteLine("### Environment");
        output.WriteLine();
        if (report.EnvironmentDifferences.Count == 0)
        {
            output.WriteLine("Same kernel, CPU, sysctls, drivers, firmware, offloads and MTUs.");
        }
        else
        {
            if (report.FailedOnEnvironment)
                output.WriteLine("The environments differ, and `--require-same-env` makes that a failure.");
            else
                output.WriteLine("The environments differ; the numbers below may reflect that rather than the change under test.");
            output.WriteLine();
            output.WriteLine("| what | baseline | current |");
            output.WriteLine("|---|---|---|");
            foreach (var d in report.EnvironmentDifferences)
                output.WriteLine($"| {Escape(d.Item)} | {Escape(d.Baseline)} | {Escape(d.Current)} |");
        }
        output.WriteLine();

        if (report.Structural.Count > 0)
        {
            output.WriteLine("### Structural regressions");
            output.WriteLine();
            foreach (var s in report.Structural)
                output.WriteLine($"- ❌ **{GateFormatting.Kind(s.Kind)}**: {Escape(s.ToString())}");
            output.WriteLine();
        }

        output.WriteLine("### Results");
        output.WriteLine();
        output.WriteLine("| cell | metric | baseline | current | change | interval | p adj | n | CV | verdict |");
        output.WriteLine("|---|---|--:|--:|--:|--:|--:|--:|--:|---|");
        foreach (var c in report.Comparisons)
        {
            output.WriteLine($"| {Escape(c.Cell.ToString())} | {Escape(c.Metric.Name)} | {Escape(GateFormatting.Value(c.Metric, c.BaselineMedian))} | " +
                $"{Escape(GateFormatting.Value(c.Metric, c.CurrentMedian))} | {GateFormatting.Change(c)} | {GateFormatting.Interval(c)} | " +
                $"{GateFormatting.PValue(c)} | {GateFormatting.Repetitions(c)} | {GateFormatting.Cv(c)} | {Icon(c.Verdict)} {GateFormatting.Verdict(c.Verdict)} |");
        }

        var notes = report.Comparisons.Where(c => c.Verdict != GateVerdict.Pass).ToList();
        if (notes.Count > 0)
        {
            output.WriteLine();
            foreach (var c in notes)
                output.WriteLine($"- **{GateFormatting.Verdict(c.Verdict)}** {Escape(c.Cell.ToString())} `{c.Metric.Name}`: {Escape(c.Explanation)}");
        }
        WriteUnmatched("Only in the baseline (not compared)", report.OnlyInBaseline);
        WriteUnmatched("Only in the current run (not compared)", report.OnlyInCurrent);
    }

    private void WriteUnmatched(string title, IReadOnlyList<CellGroupKey> keys)
    {
        if (keys.Count == 0)
            return;
        output.WriteLine();
        output.WriteLine($"{title}:");
        foreach (var key in keys)
            output.WriteLine($"- {Escape(key.ToString())}");
    }

    private static string Icon(GateVerdict verdict) => verdict switch
    {
        GateVerdict.Pass => "✅",
        GateVerdict.Warn => "⚠️",
        GateVerdict.Fail => "❌",
        _ => "❔",
    };

    /// <summary>Keeps table cells in one piece: a '|' would start a new column, '*' and '_' would emphasise.</summary>
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace("|", "\\|").Replace("*", "\\*").Replace("_", "\\_").ReplaceLineEndings(" ");
}
